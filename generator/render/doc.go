// Package render executes a site's templates: it loads the theme's and the
// site's layouts (the site's override the theme's by path), picks the
// layout for each page (see Lookup), fills _default/baseof.html's blocks,
// runs partials and the template functions, and publishes assets with a
// content hash and SRI.
//
// Templates are Go html/template; the data they see is the site package's
// Page and Site. docs/templates.md is the user's reference.
package render
