// Command safepost finds patient information in photos and post text and
// blurs it. See internal/cli for the command line; with no subcommand it
// opens the desktop app with any photos given attached.
package main

import (
	"os"

	// First, before Fyne reads the locale: see the package.
	_ "earlylocale"

	"safepost/internal/cli"
)

func main() {
	cli.LimitOpenMP()
	code := cli.Run(cli.DefaultEnv(), os.Args[1:])
	if code < 0 {
		code = runApp(os.Args[1:])
	}
	os.Exit(code)
}
