package bench

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseSize reads a corpus size in claims as the benchmarks name it: "10k",
// "100k", "1m" or a plain number.
func ParseSize(s string) (int, error) {
	f := strings.ToLower(strings.TrimSpace(s))
	mult := 1
	switch {
	case strings.HasSuffix(f, "k"):
		mult, f = 1000, strings.TrimSuffix(f, "k")
	case strings.HasSuffix(f, "m"):
		mult, f = 1000000, strings.TrimSuffix(f, "m")
	}
	n, err := strconv.Atoi(f)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}

// SizeName is ParseSize's inverse: "10k", "100k", "1m".
func SizeName(claims int) string {
	if claims%1000000 == 0 {
		return fmt.Sprintf("%dm", claims/1000000)
	}
	if claims%1000 == 0 {
		return fmt.Sprintf("%dk", claims/1000)
	}
	return strconv.Itoa(claims)
}
