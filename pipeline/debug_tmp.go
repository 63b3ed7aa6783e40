package pipeline

import (
	"fmt"
	"os"
)

var debugOn = os.Getenv("FCDEBUG") != ""

func (m match) debug(v claimView, agr agreement) {
	if !debugOn || agr == unrelated {
		return
	}
	fmt.Fprintf(os.Stderr, "DBG agr=%d claim=%q val=%s att=%s head=%s pq=%s near=%s subj=%s row=%v | vconcepts=%v vact=%v pqact=%v | sup=%v ref=%v q=%v anch=%v foreign=%v fN=%v fH=%v comp=%v cov=%.2f conc=%d words=%d co=%v al=%v seq=%v brk=%s vco=%d\n",
		agr, v.c.Span, v.c.Value, v.attached, v.head, m.pq.q.Value, m.pq.nearest, m.pq.subject, m.pq.row, v.concepts, v.actions, m.pq.actions,
		m.supports(v), m.refutes(v), m.questions(v), m.anchored, m.foreign, v.foreignNamed(m.pq), v.foreignHeading(m.pq, m.table), m.competing(v), m.coverage, m.concepts, m.words, m.co, m.aligned, m.sequence, m.pq.bracketed, len(v.co))
}

