// hello greets whoever is named on the command line, and says who it runs as.
package main

import (
	"fmt"
	"os"
)

func main() {
	name := "World"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	fmt.Printf("Hello, %s!\n", name)
	fmt.Printf("running as uid %d\n", os.Getuid())
}
