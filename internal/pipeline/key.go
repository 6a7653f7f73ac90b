package pipeline

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"safepost/internal/decisions"
)

// KeyFileName is the redaction key's name in SafePost's data folder,
// beside the review decisions (decisions.DefaultPath): by default
// safepost/redact.key in the user's config folder (~/.config on Linux,
// ~/Library/Application Support on macOS, %AppData% on Windows), or in
// $SAFEPOST_DATA_DIR.
//
// The key is 32 random bytes made on first use. It makes every redaction
// of the same photo give the same pixels (see redact.Redactor), so that
// exporting a photo again shows an attacker nothing new. It is not
// patient data and is not derived from any; it never leaves the computer.
// Deleting it only makes the next exports differ from the earlier ones.
// Whoever has it can repeat this computer's redactions' randomness, so it
// is readable by its owner only.
const KeyFileName = "redact.key"

// keySize is the key's length in bytes.
const keySize = 32

// DefaultKeyPath is where LoadKey keeps the redaction key: KeyFileName
// beside the review decisions.
func DefaultKeyPath() (string, error) {
	db, err := decisions.DefaultPath()
	if err != nil {
		return "", fmt.Errorf("finding the folder for the redaction key: %w", err)
	}
	return filepath.Join(filepath.Dir(db), KeyFileName), nil
}

// LoadKey reads the redaction key at path, making it (and its folder)
// first if there is none. A new key is written whole to a temporary file
// (mode 0600) and linked into place, so that another SafePost starting at
// the same moment reads the same key or none, never half of one.
func LoadKey(path string) ([]byte, error) {
	key, err := readKey(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("making the folder for the redaction key: %w", err)
	}
	key = make([]byte, keySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("making the redaction key: %w", err)
	}
	tmp, err := os.CreateTemp(dir, KeyFileName+".*.tmp") // mode 0600
	if err != nil {
		return nil, fmt.Errorf("making the redaction key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(key); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("writing the redaction key: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("writing the redaction key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("writing the redaction key: %w", err)
	}
	// A link, unlike a rename, does not replace a key another process
	// made meanwhile; that one is read below instead of ours.
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		// A file system without hard links: a rename is still atomic.
		if err := os.Rename(tmp.Name(), path); err != nil {
			return nil, fmt.Errorf("saving the redaction key: %w", err)
		}
	}
	return readKey(path)
}

// readKey reads a key file, refusing one of the wrong length.
func readKey(path string) ([]byte, error) {
	key, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("reading the redaction key: %w", err)
	}
	if len(key) != keySize {
		return nil, fmt.Errorf("the redaction key %s is damaged (%d bytes, not %d): delete it and SafePost makes a new one", path, len(key), keySize)
	}
	return key, nil
}
