package pipeline
import ("testing";"fmt";"os";"context";"github.com/newsroom/factcheck/aliases";"github.com/newsroom/factcheck/claims";"github.com/newsroom/factcheck/sqlite";"strings")
func TestDbg(t *testing.T){
 f,_ := os.Open("../seeds/aliases.txt"); tab,_ := aliases.Load(f,"a")
 j := &Judge{Aliases: tab}
 b,_ := os.ReadFile(os.Getenv("DOC"))
 db, err := sqlite.Open(context.Background(), "/tmp/t.db"); if err != nil {t.Fatal(err)}
 for _, c := range claims.Extract(string(b), claims.Options{}) {
   if !strings.Contains(c.Span, os.Getenv("SPAN")) {continue}
   v := j.view(c, Article{})
   fmt.Println("CLAIM", c.Span, c.Value, c.Unit, "| terms", v.terms, "| concepts", v.concepts, "| actions", v.actions, "| unit", v.unit)
   cands, _ := db.SearchTerms(context.Background(), j.Query(c), 40)
   for _, cand := range cands {
     ev := j.Judge(c, Article{}, cand)
     if ev.Reason == "" && os.Getenv("ALL") == "" { continue }
     if strings.Contains(ev.Reason, "does not name") && os.Getenv("ALL") == "" { continue }
     fmt.Printf("  %s %s | %s | %.90s\n", ev.Stance, ev.Reason, cand.PageURL[16:], cand.Text)
   }
 }
}
