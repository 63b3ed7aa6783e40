package reports

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/newsroom/factcheck"
)

// The schema.org ClaimReview vocabulary (https://schema.org/ClaimReview),
// as search engines and fact-check aggregators read it.
type (
	claimReviewJSON struct {
		Context       string     `json:"@context"`
		Type          string     `json:"@type"`
		Identifier    string     `json:"identifier"`
		ClaimReviewed string     `json:"claimReviewed"`
		DatePublished string     `json:"datePublished"`
		Author        orgJSON    `json:"author"`
		ReviewRating  ratingJSON `json:"reviewRating"`
		ItemReviewed  claimJSON  `json:"itemReviewed"`
		ReviewBody    string     `json:"reviewBody,omitempty"`
		InLanguage    string     `json:"inLanguage,omitempty"`
	}
	orgJSON struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	ratingJSON struct {
		Type          string `json:"@type"`
		RatingValue   int    `json:"ratingValue"`
		BestRating    int    `json:"bestRating"`
		WorstRating   int    `json:"worstRating"`
		AlternateName string `json:"alternateName"`
	}
	claimJSON struct {
		Type       string           `json:"@type"`
		Appearance creativeWorkJSON `json:"appearance"`
		// DatePublished is when the claim was made: the article's date.
		DatePublished string `json:"datePublished,omitempty"`
	}
	creativeWorkJSON struct {
		Type          string `json:"@type"`
		URL           string `json:"url,omitempty"`
		Identifier    string `json:"identifier,omitempty"`
		Headline      string `json:"headline,omitempty"`
		DatePublished string `json:"datePublished,omitempty"`
	}
)

// ClaimReview writes schema.org ClaimReview JSON-LD, as one JSON array, for
// every claim of the report whose latest decision is confirmed_error: the
// claim's sentence rated "False" (1 on a scale of 1 to 5), with the article
// it appears in, the date of the decision, and publisher as author. Claims
// dismissed, confirmed correct or still under research are left out.
func ClaimReview(w io.Writer, r *Report, publisher string) error {
	if publisher == "" {
		publisher = "factcheck"
	}
	out := []claimReviewJSON{}
	for _, d := range r.Documents {
		for _, c := range d.Claims {
			if c.Review == nil || c.Review.Decision != factcheck.DecisionConfirmedError {
				continue
			}
			item := claimReviewJSON{
				Context:       "https://schema.org",
				Type:          "ClaimReview",
				Identifier:    c.ID,
				ClaimReviewed: c.Sentence,
				DatePublished: fmtDate(c.Review.At),
				Author:        orgJSON{Type: "Organization", Name: publisher},
				ReviewRating: ratingJSON{Type: "Rating", RatingValue: 1, BestRating: 5, WorstRating: 1,
					AlternateName: "False"},
				ItemReviewed: claimJSON{
					Type:          "Claim",
					Appearance:    creativeWorkJSON{Type: "CreativeWork", Headline: d.Title, DatePublished: fmtDate(d.Date)},
					DatePublished: fmtDate(d.Date),
				},
				ReviewBody: reviewBody(c),
				InLanguage: d.Lang,
			}
			if item.ClaimReviewed == "" {
				item.ClaimReviewed = c.Span
			}
			// A URL is where readers find the article; a file path is
			// only an identifier in the newsroom's own system.
			if factcheck.IsURL(d.Source) {
				item.ItemReviewed.Appearance.URL = d.Source
			} else {
				item.ItemReviewed.Appearance.Identifier = d.Source
			}
			out = append(out, item)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write claim reviews: %w", err)
	}
	return nil
}

// reviewBody says what is wrong: the stated value, the correction when
// there is one, and the editor's note.
func reviewBody(c Claim) string {
	body := "“" + c.Span + "” is wrong"
	if c.Result != nil && c.Result.Correction != "" {
		body += "; the correct value is " + c.Result.Correction
	}
	body += "."
	if c.Review.Note != "" {
		body += " " + c.Review.Note
	}
	return body
}
