//go:build !unix

package infile

// MapPath reads the file as ReadPath does where files are not mapped.
func MapPath(path string, limit Limit) (data []byte, release func(), err error) {
	data, err = ReadPath(path, limit)
	return data, func() {}, err
}
