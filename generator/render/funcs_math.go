package render

import (
	"errors"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// mathNS is Hugo's math namespace; add, sub, mul, div, mod and modBool
// are also template functions.
type mathNS struct{}

// castNS is Hugo's cast namespace: int, float, string.
type castNS struct{}

func mathFuncs(m template.FuncMap) {
	var n mathNS
	var c castNS
	m["math"] = func() mathNS { return n }
	m["add"] = n.Add
	m["sub"] = n.Sub
	m["mul"] = n.Mul
	m["div"] = n.Div
	m["mod"] = n.Mod
	m["modBool"] = n.ModBool
	m["cast"] = func() castNS { return c }
	m["int"] = c.ToInt
	m["float"] = c.ToFloat
	m["string"] = c.ToString
}

// Add adds numbers (ints stay ints), or joins strings.
func (mathNS) Add(a, b any) (any, error) {
	if sa, ok := a.(string); ok {
		if sb, ok := b.(string); ok {
			return sa + sb, nil
		}
	}
	return add(a, b)
}

// Sub subtracts b from a.
func (mathNS) Sub(a, b any) (any, error) { return sub(a, b) }

// Mul multiplies.
func (mathNS) Mul(a, b any) (any, error) {
	return arith(a, b, func(x, y float64) float64 { return x * y }, func(x, y int64) int64 { return x * y })
}

// Div divides; integers divide as integers, as in Hugo.
func (mathNS) Div(a, b any) (any, error) {
	if y, ok := number(b); ok && y == 0 {
		return nil, errors.New("div: division by zero")
	}
	return arith(a, b, func(x, y float64) float64 { return x / y }, func(x, y int64) int64 { return x / y })
}

// Mod is a modulo b, of integers.
func (mathNS) Mod(a, b any) (int64, error) {
	x, err := toInt(a)
	if err != nil {
		return 0, fmt.Errorf("mod: %w", err)
	}
	y, err := toInt(b)
	if err != nil {
		return 0, fmt.Errorf("mod: %w", err)
	}
	if y == 0 {
		return 0, errors.New("mod: division by zero")
	}
	return x % y, nil
}

// ModBool reports whether a modulo b is 0.
func (n mathNS) ModBool(a, b any) (bool, error) {
	r, err := n.Mod(a, b)
	return r == 0, err
}

func floatOf(v any) (float64, error) {
	if f, ok := number(v); ok {
		return f, nil
	}
	if s, ok := v.(string); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err == nil {
			return f, nil
		}
	}
	return 0, fmt.Errorf("%v (%T) is not a number", v, v)
}

func toInt(v any) (int64, error) {
	switch x := v.(type) {
	case string:
		i, err := strconv.ParseInt(strings.TrimSpace(x), 0, 64)
		if err != nil {
			f, ferr := strconv.ParseFloat(strings.TrimSpace(x), 64)
			if ferr != nil {
				return 0, fmt.Errorf("%q is not a number", x)
			}
			return int64(f), nil
		}
		return i, nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case nil:
		return 0, nil
	}
	f, err := floatOf(v)
	return int64(f), err
}

func (mathNS) unary(name string, f func(float64) float64, v any) (float64, error) {
	x, err := floatOf(v)
	if err != nil {
		return 0, fmt.Errorf("math.%s: %w", name, err)
	}
	return f(x), nil
}

// Abs is the absolute value.
func (n mathNS) Abs(v any) (float64, error) { return n.unary("Abs", math.Abs, v) }

// Ceil rounds up.
func (n mathNS) Ceil(v any) (float64, error) { return n.unary("Ceil", math.Ceil, v) }

// Floor rounds down.
func (n mathNS) Floor(v any) (float64, error) { return n.unary("Floor", math.Floor, v) }

// Round rounds half away from zero.
func (n mathNS) Round(v any) (float64, error) { return n.unary("Round", math.Round, v) }

// Sqrt is the square root.
func (n mathNS) Sqrt(v any) (float64, error) { return n.unary("Sqrt", math.Sqrt, v) }

// Log is the natural logarithm.
func (n mathNS) Log(v any) (float64, error) { return n.unary("Log", math.Log, v) }

// Pow is a to the power b.
func (mathNS) Pow(a, b any) (float64, error) {
	x, err := floatOf(a)
	if err != nil {
		return 0, fmt.Errorf("math.Pow: %w", err)
	}
	y, err := floatOf(b)
	if err != nil {
		return 0, fmt.Errorf("math.Pow: %w", err)
	}
	return math.Pow(x, y), nil
}

func flatNumbers(name string, vs []any) ([]float64, error) {
	var out []float64
	for _, v := range vs {
		if l, err := items(v); err == nil && v != nil {
			if _, isStr := v.(string); !isStr {
				inner, err := flatNumbers(name, l)
				if err != nil {
					return nil, err
				}
				out = append(out, inner...)
				continue
			}
		}
		f, err := floatOf(v)
		if err != nil {
			return nil, fmt.Errorf("math.%s: %w", name, err)
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("math.%s: no numbers", name)
	}
	return out, nil
}

// Max is the largest of the numbers (lists are flattened).
func (mathNS) Max(vs ...any) (float64, error) {
	fs, err := flatNumbers("Max", vs)
	if err != nil {
		return 0, err
	}
	m := fs[0]
	for _, f := range fs[1:] {
		m = math.Max(m, f)
	}
	return m, nil
}

// Min is the smallest of the numbers.
func (mathNS) Min(vs ...any) (float64, error) {
	fs, err := flatNumbers("Min", vs)
	if err != nil {
		return 0, err
	}
	m := fs[0]
	for _, f := range fs[1:] {
		m = math.Min(m, f)
	}
	return m, nil
}

// Sum adds the numbers.
func (mathNS) Sum(vs ...any) (float64, error) {
	fs, err := flatNumbers("Sum", vs)
	s := 0.0
	for _, f := range fs {
		s += f
	}
	return s, err
}

// Product multiplies the numbers.
func (mathNS) Product(vs ...any) (float64, error) {
	fs, err := flatNumbers("Product", vs)
	p := 1.0
	for _, f := range fs {
		p *= f
	}
	return p, err
}

// ToInt is int: a number or numeric string as an integer.
func (castNS) ToInt(v any) (int, error) {
	i, err := toInt(v)
	if err != nil {
		return 0, fmt.Errorf("int: %w", err)
	}
	return int(i), nil
}

// ToFloat is float.
func (castNS) ToFloat(v any) (float64, error) {
	if v == nil {
		return 0, nil
	}
	f, err := floatOf(v)
	if err != nil {
		return 0, fmt.Errorf("float: %w", err)
	}
	return f, nil
}

// ToString is string.
func (castNS) ToString(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return toString(v)
}
