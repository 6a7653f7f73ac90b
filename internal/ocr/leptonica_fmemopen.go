//go:build !windows

package ocr

// leptonicaImage encodes a page for Tesseract. Leptonica reads PGM from
// memory through fmemopen here, without PNG's compression cost.
var leptonicaImage = pgm
