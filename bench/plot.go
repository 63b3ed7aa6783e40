package bench

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// Point is one measurement: X articles, Y seconds (or any positive pair).
type Point struct{ X, Y float64 }

// Series is one line of a plot.
type Series struct {
	Name  string
	Color string // an SVG colour
	Dash  bool
	Pts   []Point
}

// Plot dimensions, in SVG user units.
const (
	plotW, plotH                       = 720, 440
	marginL, marginR, marginT, marginB = 70, 20, 40, 55
	innerW, innerH                     = plotW - marginL - marginR, plotH - marginT - marginB
)

// PlotSVG writes a log-log line plot of series as a standalone SVG
// document, with decade grid lines, labelled axes and a legend. Points
// that are not positive are left out.
func PlotSVG(w io.Writer, title, xLabel, yLabel string, series []Series) error {
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range series {
		for _, p := range s.Pts {
			if p.X <= 0 || p.Y <= 0 {
				continue
			}
			minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
			minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
		}
	}
	if math.IsInf(minX, 1) {
		minX, maxX, minY, maxY = 1, 10, 1, 10
	}
	x0, x1 := math.Floor(math.Log10(minX)), math.Ceil(math.Log10(maxX))
	y0, y1 := math.Floor(math.Log10(minY)), math.Ceil(math.Log10(maxY))
	if x1 == x0 {
		x1++
	}
	if y1 == y0 {
		y1++
	}
	px := func(x float64) float64 { return marginL + (math.Log10(x)-x0)/(x1-x0)*innerW }
	py := func(y float64) float64 { return marginT + innerH - (math.Log10(y)-y0)/(y1-y0)*innerH }

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", plotW, plotH, plotW, plotH)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", plotW, plotH)
	fmt.Fprintf(&b, `<text x="%d" y="22" font-size="15" font-weight="bold">%s</text>`+"\n", marginL, html.EscapeString(title))
	// grid and tick labels at each decade, faint lines at 2..9
	for e := x0; e <= x1; e++ {
		x := px(math.Pow(10, e))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ccc"/>`+"\n", x, marginT, x, marginT+innerH)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", x, marginT+innerH+18, decade(e))
		for m := 2.0; m < 10 && e < x1; m++ {
			x := px(m * math.Pow(10, e))
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#eee"/>`+"\n", x, marginT, x, marginT+innerH)
		}
	}
	for e := y0; e <= y1; e++ {
		y := py(math.Pow(10, e))
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ccc"/>`+"\n", marginL, y, marginL+innerW, y)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n", marginL-6, y+4, decade(e))
		for m := 2.0; m < 10 && e < y1; m++ {
			y := py(m * math.Pow(10, e))
			fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#eee"/>`+"\n", marginL, y, marginL+innerW, y)
		}
	}
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#333"/>`+"\n", marginL, marginT, innerW, innerH)
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`+"\n", marginL+innerW/2, plotH-12, html.EscapeString(xLabel))
	fmt.Fprintf(&b, `<text x="16" y="%d" text-anchor="middle" transform="rotate(-90 16 %d)">%s</text>`+"\n", marginT+innerH/2, marginT+innerH/2, html.EscapeString(yLabel))
	for i, s := range series {
		var pts []string
		for _, p := range s.Pts {
			if p.X > 0 && p.Y > 0 {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(p.X), py(p.Y)))
			}
		}
		dash := ""
		if s.Dash {
			dash = ` stroke-dasharray="6 4"`
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n", strings.Join(pts, " "), s.Color, dash)
		for _, p := range pts {
			xy := strings.Split(p, ",")
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3.5" fill="%s"/>`+"\n", xy[0], xy[1], s.Color)
		}
		ly := marginT + 16 + 18*i
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`+"\n", marginL+12, ly-4, marginL+40, ly-4, s.Color, dash)
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`+"\n", marginL+46, ly, html.EscapeString(s.Name))
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// decade labels 10^e: 0.1, 1, 10, 1000, 10k.
func decade(e float64) string {
	v := math.Pow(10, e)
	switch {
	case v >= 10000:
		return fmt.Sprintf("%gk", v/1000)
	}
	return fmt.Sprintf("%g", v)
}
