// Command bridge forwards connections between two loopback-only endpoints, so that a process in a
// network namespace of its own can reach the kube-apiserver on the host's 127.0.0.1 through a Unix
// socket file (see hack/bench/peers/argo.sh).
//
// Usage: bridge LISTEN CONNECT
//
// LISTEN and CONNECT are tcp:127.0.0.1:PORT or unix:PATH. Every connection accepted on LISTEN is
// joined to a new connection to CONNECT, bytes copied both ways. Any TCP host other than 127.0.0.1
// is refused.
package main

import (
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"strings"
)

func parse(arg string) (network, address string, err error) {
	network, address, ok := strings.Cut(arg, ":")
	switch {
	case ok && network == "unix" && address != "":
		return network, address, nil
	case ok && network == "tcp":
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return "", "", err
		}
		if host != "127.0.0.1" {
			return "", "", fmt.Errorf("%s: only 127.0.0.1 is allowed", arg)
		}
		return network, address, nil
	}
	return "", "", fmt.Errorf("%q is neither tcp:127.0.0.1:PORT nor unix:PATH", arg)
}

func main() {
	log.SetPrefix("bridge: ")
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: bridge LISTEN CONNECT (each tcp:127.0.0.1:PORT or unix:PATH)")
		os.Exit(2)
	}
	lnet, laddr, err := parse(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	cnet, caddr, err := parse(os.Args[2])
	if err != nil {
		log.Fatal(err)
	}
	if lnet == "unix" {
		_ = os.Remove(laddr) // a socket file left by a killed bridge
	}
	l, err := net.Listen(lnet, laddr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("%s -> %s", os.Args[1], os.Args[2])
	for {
		c, err := l.Accept()
		if err != nil {
			log.Fatal(err)
		}
		go join(c, cnet, caddr)
	}
}

// join copies c to a new connection to network/address and back, until both directions end.
func join(c net.Conn, network, address string) {
	defer c.Close()
	u, err := net.Dial(network, address)
	if err != nil {
		log.Print(err)
		return
	}
	defer u.Close()
	done := make(chan struct{})
	go func() { copyThenCloseWrite(u, c); close(done) }()
	copyThenCloseWrite(c, u)
	<-done
}

func copyThenCloseWrite(dst, src net.Conn) {
	_, _ = io.Copy(dst, src)
	if cw, ok := dst.(interface{ CloseWrite() error }); ok {
		_ = cw.CloseWrite()
	} else {
		_ = dst.Close()
	}
}
