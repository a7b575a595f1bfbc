// Package examples holds runnable programs that show ovsflow in use; each
// sub-directory is one program a new user can read in one sitting.
package examples
