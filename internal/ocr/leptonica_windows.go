package ocr

// leptonicaImage encodes a page for Tesseract. Windows has no fmemopen, so
// Leptonica would write a PGM to %TEMP% before reading it: BMP it parses
// in memory.
var leptonicaImage = bmp
