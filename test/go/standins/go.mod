// Stand-ins for Agora's Go token builders at their real import paths (the Go module proxy is not
// reachable from the test machines). Same package names, signatures and role constants as
// AgoraIO/Tools DynamicKey/AgoraDynamicKey/go/src; every builder records its arguments as one JSON
// line on stdout and returns a placeholder, and the tests build the real tokens from those lines.
module github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src

go 1.19
