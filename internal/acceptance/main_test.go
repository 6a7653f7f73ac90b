package acceptance

import (
	"os"
	"testing"

	"safepost/internal/testenv"
)

// TestMain keeps the tests off the person's own SafePost folder (the
// decisions database and the redaction key).
func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }
