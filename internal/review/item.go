package review

import (
	"context"
	"errors"

	"safepost/internal/decisions"
)

// State is where an image is in its check.
type State int

// The states an image passes through. Only Done images, and Failed ones a
// person has blurred by hand and marked reviewed, may leave the machine.
const (
	Waiting  State = iota // queued behind other images
	Checking              // being read, scanned and blurred
	Done                  // checked: its redaction was verified
	Failed                // could not be checked (error or cancelled)
)

// Item is what is known about one image's check and a person's review of
// it, the same for a photo in the composer and a file in a folder review.
type Item struct {
	State State
	// Err is why the image could not be checked (State Failed).
	Err     error
	Regions []Region
	// Verified is true when the redaction was read again and nothing
	// flagged was readable.
	Verified bool
	// Reviewed is a person's statement that they blurred by hand an image
	// the engine could not check.
	Reviewed bool
}

// Settled reports whether the engine has finished with the image.
func (it *Item) Settled() bool { return it.State == Done || it.State == Failed }

// Unchecked reports whether the image could not be checked and nobody has
// blurred it by hand and said so.
func (it *Item) Unchecked() bool { return it.State == Failed && !it.Reviewed }

// Blurred counts the areas that are blurred.
func (it *Item) Blurred() int { return On(it.Regions) }

// CanMarkReviewed reports whether a person may state they blurred the
// image by hand: the engine could not check it, and they drew at least
// one area that is on.
func (it *Item) CanMarkReviewed() bool {
	return it.State == Failed && !it.Reviewed && HasDrawn(it.Regions)
}

// Shareable reports whether the image's redaction may leave the machine
// as far as the check goes: checked, or blurred by hand and marked
// reviewed. (A folder review also needs an approval.)
func (it *Item) Shareable() bool {
	return it.State == Done || (it.State == Failed && it.Reviewed)
}

// Check is the image's check state as the store and the reports name it.
func (it *Item) Check() decisions.Check {
	switch {
	case it.State == Done && it.Verified:
		return decisions.Verified
	case it.State == Done:
		return decisions.NotVerified
	case it.State == Failed && it.Reviewed:
		return decisions.ReviewedByHand
	case it.State == Failed:
		return decisions.CouldNotCheck
	}
	return ""
}

// Reason is why an image could not be checked, in words for the person
// looking at it.
func Reason(err error) string {
	switch {
	case err == nil:
		return "unknown error"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, context.DeadlineExceeded):
		return "took too long"
	}
	return err.Error()
}
