// Command gendeck renders SafePost's training deck from the project's scene
// generator: for each scene a JPEG and a JSON file of ground truth, in the
// layout internal/training reads. The same deck list always gives the same
// files, so the deck in assets/training can be regenerated at will:
//
//	go run ./internal/training/cmd/gendeck -o assets/training
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	out := flag.String("o", "assets/training", "folder to write the deck into (created if missing)")
	quality := flag.Int("q", jpegQuality, "JPEG quality")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gendeck [-o DIR] [-q QUALITY]")
		os.Exit(2)
	}
	n, err := Generate(*out, *quality, func(name string) { fmt.Println(name) })
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendeck:", err)
		os.Exit(1)
	}
	fmt.Printf("%d scenes written to %s\n", n, *out)
}
