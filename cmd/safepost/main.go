// Command safepost finds patient information in photos and post text and
// blurs it. See internal/cli for the command line.
package main

import (
	"fmt"
	"os"

	"safepost/internal/cli"
)

func main() {
	cli.LimitOpenMP()
	code := cli.Run(cli.DefaultEnv(), os.Args[1:])
	if code < 0 {
		// The desktop app is not built yet: show the command line instead.
		fmt.Print(cli.Usage())
		code = 0
	}
	os.Exit(code)
}
