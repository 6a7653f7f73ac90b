module safepost

go 1.26.0

require (
	fyne.io/fyne/v2 v2.7.1 // indirect
	github.com/BurntSushi/toml v1.6.0 // indirect
	github.com/disintegration/imaging v1.6.2 // indirect
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/otiai10/gosseract/v2 v2.4.1 // indirect
	golang.org/x/image v0.47.0 // indirect
)
