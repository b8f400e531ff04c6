package render

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/storyfront/storyfront/generator/outputs"
	"github.com/storyfront/storyfront/generator/site"
)

// AssetResource is a Hugo Pipes resource: a file of assets/ (the site's,
// else the theme's) as resources.Get returns it, or what a pipe made of
// one (resources.Concat, minify, fingerprint, js.Build, css.Sass...). It
// is published, at its own path as in Hugo (assets/css/x.css at
// /css/x.css), when a template asks for its .RelPermalink or .Permalink.
type AssetResource struct {
	r    *Renderer
	name string // the target path, relative: "css/main.css"
	data []byte
	// origin is the assets/ file it is, untransformed ("" once a pipe has
	// made something else of it): image methods read that file.
	origin string
	// file is where its bytes come from, relative to the site folder, for
	// errors ("" for text made by a template).
	file      string
	integrity string
	// key says how it was made, for the pipes' cache (pipes.go).
	key string
	// err is why resources.GetRemote could not fetch it: the resource is
	// then only good for its .Err (remote.go).
	err *RemoteError
	// img is the image whose bytes these are, when a pipe kept them (a
	// page's image, fingerprinted): the image methods work on it, and it
	// is published through the image pipeline at name (pipes_image.go).
	img *site.Image
}

// Name is the resource's path ("css/main.css").
func (a *AssetResource) Name() string { return a.name }

// Title is its path, as Hugo gives a global resource's title.
func (a *AssetResource) Title() string { return a.name }

// Key is the resource's cache key (Hugo's .Key): its path.
func (a *AssetResource) Key() string { return a.name }

// Content is its text.
func (a *AssetResource) Content() (string, error) {
	if a.err != nil {
		return "", a.err
	}
	return string(a.data), nil
}

// MediaType is its media type by suffix ("text/css"; .Type, .SubType...).
func (a *AssetResource) MediaType() outputs.MediaType { return outputs.MediaTypeOf(path.Ext(a.name)) }

// ResourceType is the main part of its media type ("text", "image").
func (a *AssetResource) ResourceType() string { return a.MediaType().MainType }

// Data holds Integrity after fingerprint ("sha256-..."), as in Hugo.
func (a *AssetResource) Data() map[string]any {
	if a.integrity == "" {
		return map[string]any{}
	}
	return map[string]any{"Integrity": a.integrity}
}

// Err is why a remote resource could not be fetched (.Err.Data holds
// the answer's StatusCode, Status and Body), nil for a good resource.
func (a *AssetResource) Err() *RemoteError { return a.err }

// Publish writes the resource to the output without giving its URL.
func (a *AssetResource) Publish() (string, error) {
	_, err := a.RelPermalink()
	return "", err
}

// RelPermalink publishes the resource and returns its URL path. A raster
// image of assets/ is published as the image pipeline makes it.
func (a *AssetResource) RelPermalink() (string, error) {
	if a.err != nil {
		return "", a.err
	}
	if im, ok, err := a.publishedImage(); ok {
		return im.RelPermalink(), err
	}
	as, err := a.r.publish(a)
	if err != nil {
		return "", err
	}
	return as.RelPermalink, nil
}

// Permalink publishes the resource and returns its absolute URL.
func (a *AssetResource) Permalink() (string, error) {
	if a.err != nil {
		return "", a.err
	}
	if im, ok, err := a.publishedImage(); ok {
		return im.Permalink(), err
	}
	as, err := a.r.publish(a)
	if err != nil {
		return "", err
	}
	return as.Permalink, nil
}

// publish adds a resource to the build's outputs at its own path. Two
// different resources may not claim one path.
func (r *Renderer) publish(a *AssetResource) (*Asset, error) {
	as := r.assets
	as.mu.Lock()
	defer as.mu.Unlock()
	key := "\x00pipe:" + a.name
	if got := as.m[key]; got != nil {
		if string(got.Data) != string(a.data) {
			return nil, fmt.Errorf("two different resources are published at /%s (the second from %s): give one another target path", a.name, cmpOr(a.file, "a template"))
		}
		return got, nil
	}
	out := &Asset{OutPath: a.name, Data: a.data, Source: a.file, Integrity: a.integrity,
		RelPermalink: r.site.RelURL(a.name), Permalink: r.site.AbsURL(a.name)}
	as.m[key] = out
	return out, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// asResource accepts what a pipe may be given: a Hugo Pipes resource or
// a page resource (anything with a name and content).
func asResource(r *Renderer, v any, fn string) (*AssetResource, error) {
	switch x := v.(type) {
	case *AssetResource:
		if x == nil {
			return nil, fmt.Errorf("%s: no resource (resources.Get found no such file under assets/)", fn)
		}
		if x.err != nil {
			return nil, fmt.Errorf("%s: %w", fn, x.err)
		}
		return x, nil
	case nil:
		return nil, fmt.Errorf("%s: no resource (resources.Get found no such file under assets/)", fn)
	}
	if pr, ok := v.(*site.Resource); ok && pr != nil {
		return pageAsset(r, pr, fn)
	}
	type pageResource interface {
		Content() (string, error)
		Name() string
	}
	if pr, ok := v.(pageResource); ok {
		c, err := pr.Content()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fn, err)
		}
		name := pr.Name()
		if rp, ok := v.(interface{ RelPermalink() string }); ok {
			name = strings.TrimPrefix(rp.RelPermalink(), "/")
		}
		return &AssetResource{r: r, name: name, data: []byte(c), key: "page:" + name + ":" + hashKey([]byte(c))}, nil
	}
	return nil, fmt.Errorf("%s: %T is not a resource", fn, v)
}

// targetPath cleans a target path given to a pipe; it must stay inside
// the output folder.
func targetPath(fn, p string) (string, error) {
	clean := path.Clean("/" + p)[1:]
	if clean == "" || strings.Contains(p, "..") {
		return "", fmt.Errorf("%s: %q is not a path inside the site", fn, p)
	}
	return clean, nil
}

var errNoSass = errors.New("no Dart Sass")
