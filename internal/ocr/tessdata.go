package ocr

import (
	"fmt"
	"os"
	"path/filepath"
)

// systemDataDirs are where Tesseract's English model is installed by
// Debian and Ubuntu (5 and 4.00), other Linux distributions, Homebrew and
// the UB Mannheim installer for Windows.
var systemDataDirs = []string{
	"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
	"/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata",
	`C:\Program Files\Tesseract-OCR\tessdata`,
}

// dataDirs lists, in the order they are tried, the folders that may hold
// eng.traineddata. A folder the user chose (dataPath) is the only one
// tried. Otherwise the tessdata folder beside the executable comes first,
// because the Windows package ships the model there, built for the
// Tesseract linked into it, and a TESSDATA_PREFIX left behind by another
// Tesseract on the same laptop must not win over it; then TESSDATA_PREFIX
// (which Tesseract reads as the tessdata folder itself, or its parent);
// then the usual system folders.
func dataDirs(dataPath, exe, prefix string) []string {
	if dataPath != "" {
		return []string{dataPath, filepath.Join(dataPath, "tessdata")}
	}
	var dirs []string
	if exe != "" {
		dirs = append(dirs, filepath.Join(filepath.Dir(exe), "tessdata"))
	}
	if prefix != "" {
		dirs = append(dirs, prefix, filepath.Join(prefix, "tessdata"))
	}
	return append(dirs, systemDataDirs...)
}

// findLanguageData returns the first folder of dataDirs that holds
// eng.traineddata.
func findLanguageData(dataPath string) (string, error) {
	exe, err := os.Executable()
	if err != nil {
		exe = ""
	}
	for _, d := range dataDirs(dataPath, exe, os.Getenv("TESSDATA_PREFIX")) {
		if _, err := os.Stat(filepath.Join(d, "eng.traineddata")); err == nil {
			return d, nil
		}
	}
	if dataPath != "" {
		return "", fmt.Errorf("%w (looked in %s)", ErrNoLanguageData, dataPath)
	}
	return "", ErrNoLanguageData
}
