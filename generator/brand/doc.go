// Package brand resolves a site's brand colours against its theme's colour
// tokens and checks that every text colour the theme draws on a
// background is readable: WCAG 2 AA contrast, 4.5:1 for body text and 3:1
// for large text, in the light palette and in the dark one.
//
// A theme lists its tokens in brand.yaml at its root: the default value of
// each colour (colors:, and dark: for prefers-color-scheme: dark), which
// dark colours follow the site's light ones when site.yaml gives no dark
// palette (derive:), and the pairs it draws text in (pairs:). The site's
// brand.colors and brand.dark override the defaults; a pair under AA is an
// error at the site.yaml line that set one of its colours.
package brand
