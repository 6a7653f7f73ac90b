// Package decisions keeps a comms officer's review decisions in a small
// local database (bbolt) in SafePost's data folder, so that closing and
// reopening a folder loses nothing. The app and the command line may use
// the file at the same time (see Store).
//
// Records are keyed by the SHA-256 of the image file's bytes, never by its
// name or path. A record holds the decision, the regions (coordinates, check
// IDs, whether a person added or turned them off), short reasons for manual
// changes, the reviewer's name and the time. It never holds patient text or
// pixels: Put refuses any field that could carry text beyond the short,
// person-typed reasons and the reviewer's name.
package decisions

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"safepost/internal/imageio"
)

// Decision is what a reviewer decided about an image.
type Decision string

// The decisions. Undecided is a record whose regions a person changed
// before deciding; Auto is what the command line reports for an image
// nobody reviewed (it is never stored).
const (
	Undecided    Decision = ""
	Approved     Decision = "approved"
	Rejected     Decision = "rejected"
	NeedsChanges Decision = "needs-changes"
	Auto         Decision = "auto"
)

// ParseDecision accepts the stored spellings.
func ParseDecision(s string) (Decision, error) {
	switch d := Decision(s); d {
	case Undecided, Approved, Rejected, NeedsChanges, Auto:
		return d, nil
	}
	return "", fmt.Errorf("unknown decision %q (want approved, rejected or needs-changes)", s)
}

// Check is how far the engine got with an image when it was decided.
type Check string

// The check states.
const (
	Verified       Check = "verified"        // scanned, blurred and re-read clean
	NotVerified    Check = "not-verified"    // scanned; some text was still readable and was filled solid
	CouldNotCheck  Check = "could-not-check" // the engine failed on it
	ReviewedByHand Check = "reviewed-by-hand"
)

// Region is one area of an image, in upright-image pixels.
type Region struct {
	Box [4]int `json:"box"` // x0, y0, x1, y1
	// Kinds are check IDs ("nhs-number") or "manual".
	Kinds      []string `json:"kinds,omitempty"`
	Source     string   `json:"source,omitempty"` // ocr, layout or manual
	TextHeight int      `json:"h,omitempty"`
	Style      string   `json:"style,omitempty"` // blur, pixelate or fill
	// Added means a person drew it; Off means a person chose to leave it
	// clear (an un-blur).
	Added bool `json:"added,omitempty"`
	Off   bool `json:"off,omitempty"`
	// Reason is the person's short reason for adding or turning it off.
	Reason string `json:"reason,omitempty"`
	// Found is the engine's reason for blurring it ("Looks like a
	// person's name"): fixed wording, never the text it read.
	Found string  `json:"found,omitempty"`
	Conf  float64 `json:"conf,omitempty"`
	// Field, for a field's value, is what its label says it is ("name",
	// "dob"): a word from SafePost's lexicon, never text read.
	Field string `json:"field,omitempty"`
	// Quad is a turned outline's four corners (x0, y0 … x3, y3) when the
	// region is not its Box; Words are the boxes of its flagged text.
	// Redaction paints by them, so a stored review gives the same shapes
	// the person saw. Records from before they were kept have neither and
	// are blurred over their Box.
	Quad  []int    `json:"quad,omitempty"`
	Words [][4]int `json:"words,omitempty"`
}

// Changed reports whether a person changed this region.
func (r Region) Changed() bool { return r.Added || r.Off }

// Record is the stored review of one image.
type Record struct {
	// Hash is the hex SHA-256 of the file's bytes (the key).
	Hash     string   `json:"-"`
	Decision Decision `json:"decision"`
	Check    Check    `json:"check,omitempty"`
	Regions  []Region `json:"regions,omitempty"`
	// Reason is the short note given with the decision.
	Reason   string    `json:"reason,omitempty"`
	Reviewer string    `json:"reviewer,omitempty"`
	Time     time.Time `json:"time"`
}

// Limits on the text a person types, so a reason stays a reason.
const (
	MaxReason   = 160 // characters
	MaxReviewer = 80
)

var (
	hashRE = regexp.MustCompile(`^[0-9a-f]{64}$`)
	kindRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)
	wordRE = regexp.MustCompile(`^[a-z]{0,12}$`)
	// Sources are where a region came from: the text checks ("ocr"),
	// the layout rules, the picture detectors (faces "image", codes
	// "barcode") or a person ("manual").
	sources = map[string]bool{"": true, "ocr": true, "layout": true, "image": true, "barcode": true, "manual": true}
	checks  = map[Check]bool{"": true, Verified: true, NotVerified: true, CouldNotCheck: true, ReviewedByHand: true}
)

// maxFound and maxWords bound what a region's engine reason and word
// boxes may hold.
const (
	maxFound = 400
	maxWords = 512
)

// Validate checks that r holds only what the store may hold.
func (r Record) Validate() error {
	if !hashRE.MatchString(r.Hash) {
		return errors.New("decisions: the key must be a lower-case hex SHA-256")
	}
	if r.Decision == Auto {
		return errors.New("decisions: \"auto\" is reported, never stored")
	}
	if _, err := ParseDecision(string(r.Decision)); err != nil {
		return fmt.Errorf("decisions: %w", err)
	}
	if !checks[r.Check] {
		return fmt.Errorf("decisions: unknown check state %q", r.Check)
	}
	if err := short("reason", r.Reason, MaxReason); err != nil {
		return err
	}
	if err := short("reviewer name", r.Reviewer, MaxReviewer); err != nil {
		return err
	}
	for i, g := range r.Regions {
		for _, k := range g.Kinds {
			if !kindRE.MatchString(k) {
				return fmt.Errorf("decisions: region %d: %q is not a check ID", i+1, k)
			}
		}
		if !sources[g.Source] || !wordRE.MatchString(g.Style) {
			return fmt.Errorf("decisions: region %d: bad source or style", i+1)
		}
		if g.Field != "" && !wordRE.MatchString(g.Field) {
			return fmt.Errorf("decisions: region %d: bad field", i+1)
		}
		if err := short("reason", g.Reason, MaxReason); err != nil {
			return fmt.Errorf("region %d: %w", i+1, err)
		}
		if err := short("engine's reason", g.Found, maxFound); err != nil {
			return fmt.Errorf("region %d: %w", i+1, err)
		}
		if (len(g.Quad) != 0 && len(g.Quad) != 8) || len(g.Words) > maxWords {
			return fmt.Errorf("decisions: region %d: bad outline", i+1)
		}
	}
	return nil
}

func short(what, s string, limit int) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("decisions: the %s is not valid text", what)
	}
	if n := utf8.RuneCountInString(s); n > limit {
		return fmt.Errorf("decisions: the %s is %d characters; keep it under %d", what, n, limit)
	}
	if strings.ContainsAny(s, "\r\n\x00") {
		return fmt.Errorf("decisions: the %s must be one line", what)
	}
	return nil
}

// CleanReason trims s to one short line, as Validate requires.
func CleanReason(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\x00", "")), " ")
	if utf8.RuneCountInString(s) > MaxReason {
		s = string([]rune(s)[:MaxReason])
	}
	return s
}

// HashBytes returns the store key for a file's content.
func HashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// HashFile returns the store key for the file at path. Anything that is
// not a regular file, or is over imageio.MaxFileSize, gets imageio.Load's
// error without being read (opening a pipe would block).
func HashFile(path string) (string, error) {
	if err := guard(path); err != nil {
		return "", err
	}
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("%s: cannot open the file: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, imageio.MaxFileSize)); err != nil {
		return "", fmt.Errorf("%s: cannot read the file: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Load reads the image at path once, returning it decoded (upright, as
// imageio.Load gives it) with the store key of exactly the bytes decoded.
func Load(path string) (*imageio.Image, string, error) {
	if err := guard(path); err != nil {
		return nil, "", err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("%s: cannot open the file: %w", path, err)
	}
	data, err := io.ReadAll(io.LimitReader(f, imageio.MaxFileSize+1))
	f.Close()
	if err != nil {
		return nil, "", fmt.Errorf("%s: cannot read the file: %w", path, err)
	}
	if int64(len(data)) > imageio.MaxFileSize {
		return nil, "", fmt.Errorf("%s: the file grew past %d MiB while being read", path, imageio.MaxFileSize>>20)
	}
	hash := HashBytes(data)
	img, err := imageio.Decode(path, data)
	return img, hash, err
}

// guard gives imageio.Load's own error for a path that is missing, not a
// regular file or too large, without reading it.
func guard(path string) error {
	fi, err := os.Stat(path)
	if err == nil && fi.Mode().IsRegular() && fi.Size() <= imageio.MaxFileSize {
		return nil
	}
	if _, lerr := imageio.Load(path); lerr != nil {
		return lerr
	}
	return fmt.Errorf("%s: changed while being read", path)
}

// EnvDataDir overrides the folder the store lives in (tests, portable use).
const EnvDataDir = "SAFEPOST_DATA_DIR"

// FileName is the database's name inside the data folder.
const FileName = "decisions.db"

// DefaultPath is $SAFEPOST_DATA_DIR/decisions.db, or decisions.db in the
// user's config folder under safepost (beside config.toml).
func DefaultPath() (string, error) {
	if d := os.Getenv(EnvDataDir); d != "" {
		return filepath.Join(d, FileName), nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the folder for review decisions: %w", err)
	}
	return filepath.Join(d, "safepost", FileName), nil
}

// Store is the decisions database. It is safe for concurrent use, and
// several processes (the app and the command line) may use one file at
// the same time: a Store holds only the file's name and opens the file
// for the moment of each read or write, so bbolt's file lock is held for
// milliseconds rather than for as long as a folder is open. Reads take a
// shared lock, so any number of readers run together; a write waits for
// them and they for it.
type Store struct {
	path     string
	readOnly bool
	// mu serialises this process's opens of the file. bbolt locks the
	// file with flock, which also shuts out a second handle in the same
	// process, and retries only every 50ms; taking the lock here first
	// means goroutines queue instead of polling.
	mu *sync.RWMutex

	closeMu sync.RWMutex
	closed  bool
}

var (
	bucket = []byte("decisions/v1")
	meta   = []byte("meta")
)

// ErrNoStore means the database file does not exist yet (nobody has
// reviewed anything on this computer).
var ErrNoStore = errors.New("no review decisions have been saved yet")

// errClosed is returned by a Store used after Close.
var errClosed = errors.New("the review decisions file was already closed")

// lockWait is how long one read or write waits for another SafePost
// process that is using the file. Others hold it only while they read or
// save, so a wait this long means something is stuck.
var lockWait = 3 * time.Second

// pathLocks holds one lock per database file (by absolute path) for all
// the Stores in this process.
var pathLocks sync.Map // string -> *sync.RWMutex

func newStore(path string, readOnly bool) *Store {
	key := path
	if abs, err := filepath.Abs(path); err == nil {
		key = abs
	}
	mu, _ := pathLocks.LoadOrStore(key, new(sync.RWMutex))
	return &Store{path: path, readOnly: readOnly, mu: mu.(*sync.RWMutex)}
}

// Open opens the database at path for reading and writing, creating it
// (and its folder) if need be. It checks the file there and then, so a
// file that is not a decisions database, or that cannot be created, is
// reported at once. Other processes may use the same file meanwhile.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("creating the folder for review decisions: %w", err)
	}
	s := newStore(path, false)
	err := s.update(func(tx *bolt.Tx) error {
		m := tx.Bucket(meta)
		if tx.Bucket(bucket) != nil && m != nil && string(m.Get([]byte("schema"))) == "1" {
			// Already prepared: leave the file as it is.
			return nil
		}
		if _, err := tx.CreateBucketIfNotExists(bucket); err != nil {
			return err
		}
		m, err := tx.CreateBucketIfNotExists(meta)
		if err != nil {
			return err
		}
		return m.Put([]byte("schema"), []byte("1"))
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// OpenReadOnly opens an existing database for reading; it returns
// ErrNoStore when there is none.
func OpenReadOnly(path string) (*Store, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoStore
	}
	s := newStore(path, true)
	if err := s.view(func(*bolt.Tx) error { return nil }); err != nil {
		return nil, err
	}
	return s, nil
}

func openError(path string, err error) error {
	if errors.Is(err, berrors.ErrTimeout) {
		return fmt.Errorf("the review decisions file %s is in use by another SafePost window or command "+
			"and was still busy after %v: wait for it to finish, or close it, and try again", path, lockWait)
	}
	if errors.Is(err, berrors.ErrInvalid) || errors.Is(err, berrors.ErrVersionMismatch) || errors.Is(err, berrors.ErrChecksum) {
		return fmt.Errorf("the review decisions file %s is damaged or is not a SafePost decisions file "+
			"(move it aside to start afresh): %w", path, err)
	}
	return fmt.Errorf("opening the review decisions file %s: %w", path, err)
}

// view runs fn in a read transaction on a shared-locked, read-only open
// of the file.
func (s *Store) view(fn func(*bolt.Tx) error) error {
	return s.with(true, func(db *bolt.DB) error { return db.View(fn) })
}

// update runs fn in a write transaction on an exclusively locked open of
// the file.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	if s.readOnly {
		return fmt.Errorf("the review decisions file %s was opened for reading only", s.path)
	}
	return s.with(false, func(db *bolt.DB) error { return db.Update(fn) })
}

// with opens the file, runs fn and closes the file again, releasing the
// lock for other processes. Errors from opening are already worded for
// the user; errors from fn are returned as they are.
func (s *Store) with(read bool, fn func(*bolt.DB) error) error {
	s.closeMu.RLock()
	defer s.closeMu.RUnlock()
	if s.closed {
		return errClosed
	}
	if read {
		s.mu.RLock()
		defer s.mu.RUnlock()
	} else {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	db, err := bolt.Open(s.path, 0o600, &bolt.Options{Timeout: lockWait, ReadOnly: read})
	if err != nil {
		return openError(s.path, err)
	}
	err = fn(db)
	if cerr := db.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("closing the review decisions file %s: %w", s.path, cerr)
	}
	return err
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close stops s from being used. The file is not held between reads and
// writes, so there is nothing else to release; Close waits for any read
// or write under way.
func (s *Store) Close() error {
	s.closeMu.Lock()
	s.closed = true
	s.closeMu.Unlock()
	return nil
}

// Put stores r under r.Hash, replacing any earlier record. A zero Time is
// set to now.
func (s *Store) Put(r Record) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if r.Time.IsZero() {
		r.Time = time.Now()
	}
	r.Time = r.Time.UTC().Truncate(time.Second)
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	err = s.update(func(tx *bolt.Tx) error {
		// The bucket is made here too in case the file was deleted and
		// recreated since Open.
		b, err := tx.CreateBucketIfNotExists(bucket)
		if err != nil {
			return err
		}
		return b.Put([]byte(r.Hash), data)
	})
	if err != nil {
		return fmt.Errorf("saving the decision: %w", err)
	}
	return nil
}

// Get returns the record for hash and whether there is one.
func (s *Store) Get(hash string) (Record, bool, error) {
	var r Record
	var found bool
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		if b == nil {
			return nil
		}
		data := b.Get([]byte(hash))
		if data == nil {
			return nil
		}
		found = true
		return json.Unmarshal(data, &r)
	})
	if err != nil {
		return Record{}, false, fmt.Errorf("reading the decision: %w", err)
	}
	r.Hash = hash
	return r, found, nil
}

// Delete forgets the record for hash.
func (s *Store) Delete(hash string) error {
	err := s.update(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucket); b != nil {
			return b.Delete([]byte(hash))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("forgetting the decision: %w", err)
	}
	return nil
}

// Len returns how many records are stored.
func (s *Store) Len() (int, error) {
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucket); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n, err
}

// Reapply lays a stored review over a fresh scan of the same file. Scanned
// regions that match a stored one exactly (same box and kinds) take its
// off flag, style and reason; stored regions a person added are appended;
// stored regions that were blurred but the new scan no longer finds are
// kept blurred. A stored un-blur therefore never un-blurs anything but
// the exact region the person saw.
func Reapply(scanned, stored []Region) []Region {
	out := make([]Region, len(scanned), len(scanned)+len(stored))
	copy(out, scanned)
	used := make([]bool, len(stored))
	for i := range out {
		for j, st := range stored {
			if used[j] || st.Added || st.Box != out[i].Box || !sameKinds(st.Kinds, out[i].Kinds) {
				continue
			}
			used[j] = true
			out[i].Off, out[i].Reason = st.Off, st.Reason
			if st.Style != "" {
				out[i].Style = st.Style
			}
			break
		}
	}
	for j, st := range stored {
		if used[j] || (!st.Added && st.Off) {
			continue
		}
		out = append(out, st)
	}
	return out
}

func sameKinds(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
