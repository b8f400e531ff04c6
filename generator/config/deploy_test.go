package config

import (
	"strings"
	"testing"
)

func TestParseDeploy(t *testing.T) {
	c, err := Parse([]byte(`title: x
deploy:
  maxDeletes: 10
  targets:
    - name: prod
      url: s3://site-bucket/www?region=eu-west-1
      cloudFront: E2ABC
      matchers:
        - {pattern: '\.json$', cacheControl: "max-age=60", gzip: true}
    - name: stack
      stack: bridgework-site
      region: eu-west-1
`))
	if err != nil {
		t.Fatal(err)
	}
	d := c.Deploy
	if len(d.Targets) != 2 || d.Targets[0].CloudFront != "E2ABC" || !d.Targets[0].Matchers[0].Gzip || d.Targets[1].Stack != "bridgework-site" {
		t.Errorf("deploy: %+v", d)
	}
	if d.MaxDeletesOrDefault() != 10 {
		t.Errorf("maxDeletes %d", d.MaxDeletesOrDefault())
	}
	if (Deploy{}).MaxDeletesOrDefault() != DefaultMaxDeletes {
		t.Error("default maxDeletes")
	}
}

func TestParseDeployErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"no name", "deploy: {targets: [{url: 's3://b'}]}", "site.yaml:2:20: deploy.targets[0]: missing name"},
		{"twice", "deploy:\n  targets:\n    - {name: a, url: 's3://b'}\n    - {name: a, url: 's3://c'}", `site.yaml:5:14: deploy.targets[1]: a second target named "a"`},
		{"neither", "deploy: {targets: [{name: a}]}", "site.yaml:2:20: deploy.targets[0] (a): give exactly one of url or stack"},
		{"scheme", "deploy: {targets: [{name: a, url: 'gs://b'}]}", `site.yaml:2:35: deploy.targets[0].url: "gs://b": want s3://`},
		{"endpoint", "deploy: {targets: [{name: a, url: 's3://b?endpoint=localhost:9000'}]}", `is not an http(s) URL`},
		{"param", "deploy: {targets: [{name: a, url: 's3://b?regoin=x'}]}", `unknown parameter "regoin"`},
		{"pattern", "deploy: {matchers: [{pattern: '(', gzip: true}]}", "site.yaml:2:31: deploy.matchers[0].pattern: error parsing regexp"},
		{"bound", "deploy: {maxDeletes: -2}", "site.yaml:2:22: deploy.maxDeletes: must be -1"},
		{"unknown key", "deploy: {targets: [{name: a, url: 's3://b', cloudfront: E1}]}", `unknown key "deploy.targets[0].cloudfront"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte("title: x\n" + tt.src + "\n"))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error =\n%v\nwant it to contain\n%s", err, tt.want)
			}
		})
	}
}
