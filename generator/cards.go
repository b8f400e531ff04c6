package generator

import (
	"context"
	"fmt"
	"html/template"
	"os"
	"path"
	"strings"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/images"
	"github.com/storyfront/storyfront/generator/render"
	"github.com/storyfront/storyfront/generator/site"
)

// card is one share image to publish: a cover cut to 1200×630, or a card
// drawn for a page.
type card struct {
	out   string
	share *site.ShareImage
	img   *imageEntry         // a cover: its source
	spec  images.Spec         // and the cut
	key   string              // the cache key of the bytes
	draw  *images.CardOptions // a drawn card
}

// shareImages is the site's site.ShareImages: the cards planned for this
// build, by page output path (pager pages share their list page's card).
type shareImages struct {
	byOut map[string]*card
}

func (si shareImages) ShareImage(p *site.Page) *site.ShareImage {
	c := si.byOut[p.OutPath]
	if c == nil {
		c = si.byOut[site.ListPage(p).OutPath] // a pager page shows its list page's
	}
	if c == nil {
		return nil
	}
	return c.share
}

// pictures is the renderer's view of the processed images.
type pictures struct{ b *Builder }

func (pc pictures) Picture(u string, o images.PictureOptions) (template.HTML, bool) {
	e := pc.b.img.byURL[u]
	if e == nil {
		return "", false
	}
	return e.set.Picture(e.url, e.url+path.Base(e.out), o), true
}

// planCards gives every page a share image when the templates can show
// one (they mention ShareImage or JSONLD): what the site's share-card
// partial makes for it, else its cover (front matter image, a raster image
// of content/) filled to 1200×630, else images.card.image, else a card
// drawn with its title, section and the brand.
func (b *Builder) planCards(ctx context.Context, s *site.Site, errs *diag.List) {
	b.img.cards = nil
	for _, o := range s.Sites() {
		o.ShareImages = nil
	}
	if b.img.proc == nil || !(b.rend.Mentions("ShareImage") || b.rend.Mentions("JSONLD")) {
		return
	}
	byPage := shareImages{byOut: map[string]*card{}}
	byOut := map[string]*card{}
	// Every language's pages: each card in its page's language (title,
	// section, the language's site title).
	pages := append(append(site.Pages(nil), allPages(s)...), notFoundPages(s)...)
	fallback := b.img.byURL[s.RelURL(b.cfg.Images.Card.Image)]
	own := b.partialCards(ctx, s, pages, errs)
	for i, p := range pages {
		if p == nil || p.OutPath == "" {
			continue
		}
		if own[i] != nil {
			byPage.byOut[p.OutPath] = own[i]
			continue
		}
		ps := p.Site
		if ps == nil {
			ps = s
		}
		var c *card
		e := b.img.byURL[p.Image]
		alt, focus := p.ImageAlt, p.ImageFocus
		if e == nil || len(e.set.Variants) == 0 {
			e, alt, focus = fallback, "", nil
		}
		if e != nil && len(e.set.Variants) > 0 {
			f := images.JPEG
			if e.set.Info.Format == images.PNG {
				f = images.PNG
			}
			sp := images.Spec{Op: images.OpFill, Width: images.CardWidth, Height: images.CardHeight, Format: f}
			if len(focus) == 2 {
				// The front matter focal point stays in the card.
				sp.FocusX, sp.FocusY, sp.HasFocus = focus[0], focus[1], true
			}
			v := b.img.proc.Variant(e.set, sp)
			c = &card{out: e.dir + v.Name, img: e, spec: sp, key: v.Key}
		} else {
			o := b.cardOptions(ps, p)
			key := images.CardKey(o)
			dir := path.Dir(p.OutPath)
			c = &card{out: path.Join(dir, "card_"+key[:10]+".png"), key: key, draw: &o}
			if dir == "." {
				c.out = "card_" + key[:10] + ".png"
			}
		}
		if alt == "" {
			alt = cardTitle(ps, p)
		}
		if prev := byOut[c.out]; prev != nil {
			c = &card{out: prev.out, img: prev.img, spec: prev.spec, key: prev.key, draw: prev.draw}
		} else {
			byOut[c.out] = c
		}
		mime := "image/png"
		if c.spec.Format == images.JPEG {
			mime = "image/jpeg"
		}
		c.share = &site.ShareImage{URL: ps.AbsURL(c.out), Width: images.CardWidth, Height: images.CardHeight, Alt: alt, Type: mime}
		byPage.byOut[p.OutPath] = c
	}
	for _, o := range s.Sites() {
		o.ShareImages = byPage
	}
	for _, out := range sortedKeys(byOut) {
		b.img.cards = append(b.img.cards, byOut[out])
	}
}

// partialCards runs the site's share-card partial for each page, in
// parallel: the image it names is the page's card (nil: the built-in one).
// It must be a JPEG or PNG the site publishes, never an SVG.
func (b *Builder) partialCards(ctx context.Context, s *site.Site, pages []*site.Page, errs *diag.List) []*card {
	cards := make([]*card, len(pages))
	if !b.rend.HasShareCard() {
		return cards
	}
	file := b.rend.PartialFile(render.ShareCardPartial)
	index := make(map[*site.Page]int, len(pages))
	for i, p := range pages {
		index[p] = i
	}
	// One language at a time: the partial sees the page's own site.
	defer b.rend.UseSite(b.rend.Site())
	for _, group := range byLanguage(s, pages, func(p *site.Page) *site.Page { return p }) {
		b.rend.UseSite(group.site)
		ls := group.site
		parallel(ctx, len(group.items), func(_, k int) {
			p := group.items[k]
			if p == nil || p.OutPath == "" {
				return
			}
			u, err := b.rend.ShareCard(p)
			if err != nil {
				errs.Add(file, err)
				return
			}
			if u == "" {
				return
			}
			share, err := b.shareImageAt(ls, u)
			if err != nil {
				errs.Add(file, diag.Errorf(file, 0, 0, "for %s: %v", p.RelPermalink, err))
				return
			}
			share.Alt = firstOf(p.ImageAlt, cardTitle(ls, p))
			cards[index[p]] = &card{share: share}
		})
	}
	return cards
}

// shareImageAt describes the image the site publishes at URL u (absolute
// or a site path) as a share image.
func (b *Builder) shareImageAt(s *site.Site, u string) (*site.ShareImage, error) {
	rel := u
	if s.BaseURL != "" && strings.HasPrefix(rel, s.BaseURL) {
		rel = "/" + strings.TrimPrefix(rel, s.BaseURL)
	}
	if strings.Contains(rel, "://") || !strings.HasPrefix(rel, "/") {
		return nil, fmt.Errorf("%q is not an image of this site (print .Permalink of an image made with .Fill, .Resize...)", u)
	}
	out := strings.TrimPrefix(strings.TrimPrefix(rel, s.BasePath), "/")
	var f images.Format
	var w, h int
	if mi := b.madeImage(out); mi != nil {
		f, w, h = mi.d.Format, mi.d.Width, mi.d.Height
	} else if e := b.img.byURL[s.BasePath+"/"+out]; e != nil && len(e.set.Variants) > 0 {
		f, w, h = e.set.Original.Format, e.set.Original.Width, e.set.Original.Height
	} else if images.FormatOf(out) == images.SVG {
		return nil, fmt.Errorf("%s is an SVG, which LinkedIn, Facebook and X do not show: make a JPEG or PNG", u)
	} else {
		return nil, fmt.Errorf("%s is no image made by the image methods (.Fill \"1200x630 jpg\"...) or processed from content/", u)
	}
	if f != images.JPEG && f != images.PNG {
		return nil, fmt.Errorf("%s is %s: share images must be JPEG or PNG (add jpg or png to the spec)", u, f)
	}
	return &site.ShareImage{URL: s.AbsURL(out), Width: w, Height: h, Type: f.MediaType()}, nil
}

func cardTitle(s *site.Site, p *site.Page) string {
	switch {
	case p.IsHome:
		return s.Title
	case p.Term != nil:
		return p.Term.Name
	}
	return p.Title
}

func (b *Builder) cardOptions(s *site.Site, p *site.Page) images.CardOptions {
	c := b.cfg.Images.Card
	o := images.CardOptions{Title: cardTitle(s, p), Brand: firstOf(s.Brand.Name, s.Title),
		Background: firstOf(c.Background, s.Brand.Colors["primary"]),
		Foreground: firstOf(c.Foreground, s.Brand.Colors["primary-ink"]),
		Accent:     firstOf(c.Accent, s.Brand.Colors["accent"])}
	switch {
	case p.IsHome:
		o.Title = firstOf(s.Brand.Tagline, s.Title)
		o.Eyebrow = s.Title
	case p.Section != "":
		o.Eyebrow = p.Section
		for _, sec := range s.Sections {
			if sec.Section == p.Section && sec != p {
				o.Eyebrow = sec.Title
			}
		}
	}
	if logo := strings.TrimPrefix(s.Brand.Logo, "/"); logo != "" && images.IsRaster(logo) {
		if f := b.statics[logo]; f != nil {
			o.Logo = f.data
		}
	}
	return o
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// cardJobs are the outputs of the planned cards.
func (b *Builder) cardJobs() []*job {
	var jobs []*job
	for _, c := range b.img.cards {
		owner := "the share card of " + c.out
		if c.img != nil {
			owner = c.img.owner
		}
		jobs = append(jobs, &job{kind: jobImage, out: c.out, owner: owner, card: c})
	}
	return jobs
}

// makeCards fills the card jobs: bytes kept from the last build, else
// from the cache folder, else made now (in parallel).
func (b *Builder) makeCards(ctx context.Context, jobs []*job, data map[string][]byte, errs *diag.List) {
	var todo []*job
	for _, j := range jobs {
		if j.kind == jobImage && j.card != nil {
			todo = append(todo, j)
		}
	}
	got := make([][]byte, len(todo))
	parallel(ctx, len(todo), func(_, i int) {
		c := todo[i].card
		if file := b.img.cardFiles[c.key]; file != "" && b.stage == nil {
			if _, err := os.Stat(file); err == nil {
				todo[i].data, todo[i].disk = nil, file // made by an earlier build, still there
				return
			}
		}
		if b.stage != nil && c.draw != nil && b.linkCard(todo[i]) {
			return // a hard link to the cache's file (stage.go)
		}
		got[i] = b.cardBytes(ctx, todo[i], errs)
		f := c.spec.Format
		if c.draw != nil {
			f = images.PNG
		}
		if b.keepImage(todo[i], got[i], c.key, f, errs) {
			got[i] = nil // on disk (stage.go)
		}
	})
	files := map[string]string{}
	for i, j := range todo {
		switch {
		case j.disk != "":
			files[j.card.key] = j.disk
		case !j.staged:
			j.data = got[i]
			data[j.card.key] = got[i]
		}
	}
	b.img.cardFiles = files
}

// linkCard puts a drawn card the cache folder has at the job's stage path
// as a hard link, as linkCached does for image versions: a streamed build
// then neither reads nor writes its bytes. False when the cache has no
// such file or the link cannot be made.
func (b *Builder) linkCard(j *job) bool {
	if _, kept := b.img.data[j.card.key]; kept {
		return false
	}
	file := b.img.proc.CachedFile(j.card.key, images.PNG)
	if file == "" || b.stage.link(j.out, file) != nil {
		return false
	}
	j.data, j.staged = nil, true
	b.img.proc.CountReused(1)
	return true
}

// cardBytes returns a card's bytes: kept from the last build, else from
// the cache folder, else made now; nil after an error.
func (b *Builder) cardBytes(ctx context.Context, j *job, errs *diag.List) []byte {
	c := j.card
	if d, ok := b.img.data[c.key]; ok {
		return d
	}
	if c.img != nil {
		rs, err := b.img.proc.Process(ctx, c.img.set.Source, []images.Spec{c.spec})
		if err != nil {
			errs.Add(c.img.owner, diag.Errorf(c.img.owner, 0, 0, "share card: %s", strings.TrimPrefix(err.Error(), c.img.owner+": ")))
			return nil
		}
		return rs[0].Data
	}
	d, err := b.img.proc.Cached(c.key, images.PNG, func() ([]byte, error) { return images.DrawCard(*c.draw) })
	if err != nil {
		errs.Add(j.owner, err)
		return nil
	}
	return d
}
