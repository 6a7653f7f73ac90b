package imageio

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// imageExts are the extensions Walk picks up inside folders. Decoding goes by
// content, not extension; this list only decides which files in a folder are
// worth trying, so that a folder of photos with a few PDFs and thumbnails
// databases does not produce a page of errors.
var imageExts = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true,
	".bmp": true, ".tif": true, ".tiff": true, ".webp": true,
	".heic": true, ".heif": true,
}

// IsImagePath reports whether path has one of the extensions SafePost reads
// (.jpg .jpeg .png .gif .bmp .tif .tiff .webp .heic .heif), ignoring case.
func IsImagePath(path string) bool {
	return imageExts[strings.ToLower(filepath.Ext(path))]
}

// Walk expands paths into the list of image files to process. A folder is
// searched recursively in lexical order (so runs are repeatable) and yields
// only non-hidden files with image extensions; hidden files and folders
// (names starting with ".", such as .DS_Store or .thumbnails) are skipped.
// A path that is not a folder is kept exactly as given, whatever its
// extension, so the user sees an error for it (from Load) rather than
// silence. Paths that do not exist or cannot be read are reported in errs,
// one per problem, and the rest of the walk continues.
func Walk(paths []string) (files []string, errs []error) {
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, ioError(p, "cannot open", err))
			continue
		}
		if !fi.IsDir() {
			files = append(files, p)
			continue
		}
		// WalkDir does not descend into a root that is a symlink (a
		// shortcut to a shared photos folder, say); a trailing separator
		// makes the OS resolve it first.
		root := p
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			root = p + string(filepath.Separator)
		}
		// WalkDir reads each directory in lexical order, which is what
		// makes the result deterministic.
		werr := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, ioError(path, "cannot read the folder", err))
				if d != nil && d.IsDir() && path != root {
					return fs.SkipDir
				}
				return nil
			}
			if path == root {
				// The root was named explicitly, so walk it even if its
				// name is hidden (".", "..", ".photos").
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !IsImagePath(path) {
				return nil
			}
			// Symlinks to files are kept (Load follows them); pipes, sockets
			// and devices are not photos and reading them could block.
			if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			files = append(files, path)
			return nil
		})
		if werr != nil {
			errs = append(errs, ioError(p, "cannot read the folder", werr))
		}
	}
	return files, errs
}
