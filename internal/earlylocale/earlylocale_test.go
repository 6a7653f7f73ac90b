package earlylocale

import "testing"

func TestFix(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string // LANGUAGE afterwards
	}{
		{"C.UTF-8 in LANG", map[string]string{"LANG": "C.UTF-8"}, "en"},
		{"C.utf8 in LC_ALL", map[string]string{"LC_ALL": "C.utf8", "LANG": "en_GB.UTF-8"}, "en"},
		{"POSIX with encoding", map[string]string{"LC_MESSAGES": "POSIX.UTF-8"}, "en"},
		{"plain C is left alone", map[string]string{"LANG": "C"}, ""},
		{"a real locale is left alone", map[string]string{"LANG": "cy_GB.UTF-8"}, ""},
		{"LC_ALL wins over LANG", map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "C.UTF-8"}, ""},
		{"LANGUAGE already set", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "cy"}, "cy"},
		{"nothing set", map[string]string{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tt.env {
				env[k] = v
			}
			Fix(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if got := env["LANGUAGE"]; got != tt.want {
				t.Errorf("LANGUAGE = %q, want %q", got, tt.want)
			}
		})
	}
}
