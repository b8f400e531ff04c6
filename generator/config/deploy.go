package config

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Deploy is the deploy: section: where `storyfront deploy` publishes the
// built site. It follows Hugo's deployment config: named targets, and
// matchers that set the headers of the files whose path they match.
type Deploy struct {
	// Targets are the places to publish to; the first is the default.
	Targets []DeployTarget `yaml:"targets"`
	// Matchers apply to every target, after the target's own.
	Matchers []DeployMatcher `yaml:"matchers"`
	// MaxDeletes bounds the files one deploy may delete (default 256, as
	// Hugo; -1 for no bound); --max-deletes overrides it.
	MaxDeletes *int `yaml:"maxDeletes"`
}

// DeployTarget is one place to publish to: a bucket URL and an optional
// CloudFront distribution, or a CloudFormation stack that names both.
type DeployTarget struct {
	// Name is what --target picks.
	Name string `yaml:"name"`
	// URL is the bucket: s3://BUCKET[/PREFIX]?region=R&endpoint=URL.
	URL string `yaml:"url"`
	// CloudFront is the distribution ID whose cache is invalidated for the
	// paths a deploy changed.
	CloudFront string `yaml:"cloudFront"`
	// Stack is a CloudFormation stack made from deploy/template.yaml: its
	// outputs give the bucket, the distribution and the capture endpoint.
	Stack string `yaml:"stack"`
	// Region is the stack's region (default: the SDK's, AWS_REGION).
	Region string `yaml:"region"`
	// Matchers set headers by path; the first that matches wins.
	Matchers []DeployMatcher `yaml:"matchers"`
}

// DeployMatcher sets the headers of the files whose path (relative to
// public/, with forward slashes, no leading slash) matches Pattern, a Go
// regular expression as in Hugo.
type DeployMatcher struct {
	Pattern      string `yaml:"pattern"`
	CacheControl string `yaml:"cacheControl"`
	ContentType  string `yaml:"contentType"`
	// Gzip uploads the file gzip-compressed with Content-Encoding: gzip.
	Gzip bool `yaml:"gzip"`
}

// DefaultMaxDeletes is Hugo's bound on deletions per deploy.
const DefaultMaxDeletes = 256

// MaxDeletesOrDefault returns the bound on deletions site.yaml sets.
func (d Deploy) MaxDeletesOrDefault() int {
	if d.MaxDeletes == nil {
		return DefaultMaxDeletes
	}
	return *d.MaxDeletes
}

func (d Deploy) validate(v *validator) {
	seen := map[string]bool{}
	for i, t := range d.Targets {
		path := fmt.Sprintf("$.deploy.targets[%d]", i)
		name := fmt.Sprintf("deploy.targets[%d]", i)
		switch {
		case t.Name == "":
			v.errorf(path, "%s: missing name", name)
		case seen[t.Name]:
			v.errorf(path+".name", "%s: a second target named %q", name, t.Name)
		}
		seen[t.Name] = true
		if (t.URL == "") == (t.Stack == "") {
			v.errorf(path, "%s (%s): give exactly one of url or stack", name, t.Name)
		}
		if t.URL != "" {
			if err := CheckBucketURL(t.URL); err != nil {
				v.errorf(path+".url", "%s.url: %v", name, err)
			}
		}
		if t.Stack != "" && t.CloudFront != "" {
			v.errorf(path+".cloudFront", "%s.cloudFront: the stack's outputs name the distribution; leave cloudFront out", name)
		}
		validateMatchers(v, path+".matchers", name+".matchers", t.Matchers)
	}
	validateMatchers(v, "$.deploy.matchers", "deploy.matchers", d.Matchers)
	if d.MaxDeletes != nil && *d.MaxDeletes < -1 {
		v.errorf("$.deploy.maxDeletes", "deploy.maxDeletes: must be -1 (no bound) or more, not %d", *d.MaxDeletes)
	}
}

func validateMatchers(v *validator, path, name string, ms []DeployMatcher) {
	for i, m := range ms {
		p := fmt.Sprintf("%s[%d]", path, i)
		if m.Pattern == "" {
			v.errorf(p, "%s[%d]: missing pattern", name, i)
			continue
		}
		if _, err := regexp.Compile(m.Pattern); err != nil {
			v.errorf(p+".pattern", "%s[%d].pattern: %v", name, i, err)
		}
	}
}

// CheckBucketURL reports whether u is a bucket URL deploy understands:
// s3://BUCKET[/PREFIX] with optional region, endpoint (http or https) and
// use_path_style query parameters.
func CheckBucketURL(u string) error {
	p, err := url.Parse(u)
	if err != nil {
		return err
	}
	if p.Scheme != "s3" || p.Host == "" {
		return fmt.Errorf("%q: want s3://BUCKET[/PREFIX]?region=REGION", u)
	}
	for k, vs := range p.Query() {
		switch k {
		case "region", "use_path_style":
		case "endpoint":
			e, err := url.Parse(vs[0])
			if err != nil || (e.Scheme != "http" && e.Scheme != "https") || e.Host == "" {
				return fmt.Errorf("%q: endpoint %q is not an http(s) URL", u, vs[0])
			}
		default:
			return fmt.Errorf("%q: unknown parameter %q (known: region, endpoint, use_path_style)", u, k)
		}
	}
	if strings.Contains(p.Path, "//") {
		return fmt.Errorf("%q: empty segment in the prefix", u)
	}
	return nil
}
