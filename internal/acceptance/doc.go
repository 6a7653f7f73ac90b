// Package acceptance holds end-to-end tests of the real engine (Tesseract
// OCR, checks, redaction, verification, export) on image sets that are not
// SafePost's own: Presidio's image-redactor test images, found through the
// SAFEPOST_PRESIDIO_DIR environment variable.
package acceptance
