module safepost

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/disintegration/imaging v1.6.2
	github.com/google/go-cmp v0.7.0
	github.com/otiai10/gosseract/v2 v2.4.1
	golang.org/x/image v0.47.0
)

require (
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)
