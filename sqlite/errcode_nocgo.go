//go:build !cgo

package sqlite

// sqliteCode returns the primary SQLite result code err carries, if any.
// Without cgo go-sqlite3 is a stub whose every call fails, with no code.
func sqliteCode(err error) (int, bool) { return 0, false }
