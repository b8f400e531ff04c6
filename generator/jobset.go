package generator

import (
	"strings"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/site"
)

// jobSet is a build's outputs being planned: one job per output path,
// with the rules for two jobs that want one path.
type jobSet struct {
	s      *site.Site
	errs   *diag.List
	hugo   bool // the site is a Hugo site (its rules for aliases)
	jobs   []*job
	owners map[string]*job
	index  map[string]int // where owners' jobs are in jobs
	// lists are the jobs of list pages whose layout may paginate: once
	// rendered, they say whether they have pager pages (pagers.go).
	lists []*job
}

// add adds j, unless its path is not one an output may have or another
// job has it (an error, or one of Hugo's overwrite rules for aliases); it
// reports whether j is in the set.
func (js *jobSet) add(j *job) bool {
	s, errs := js.s, js.errs
	checked := "/" + j.out
	if j.page != nil && j.page.Term != nil && strings.HasPrefix(j.page.Term.Slug, ".") {
		// Hugo publishes a term such as .NET at /tags/.net/: a term's
		// folder may start with "." (the check still applies to the rest).
		checked = strings.Replace(checked, "/"+j.page.Term.Slug+"/", "/_"+j.page.Term.Slug+"/", 1)
	}
	if err := site.CheckOutPath(checked); err != nil {
		file, line := placeOf(j)
		errs.Add(file, diag.Errorf(file, line, 1, "%v", err))
		return false
	}
	prev, ok := js.owners[j.out]
	if !ok {
		js.owners[j.out] = j
		js.index[j.out] = len(js.jobs)
		js.jobs = append(js.jobs, j)
		return true
	}
	if prev.static || j.static {
		file, other := j, prev
		if prev.static {
			file, other = prev, j
		}
		if other.kind == jobAlias && js.hugo {
			// A file of the site's own beats a redirect.
			at, line := placeOf(other)
			s.Warnings = append(s.Warnings, diag.Errorf(at, line, 1,
				"alias /%s is a file of static/ too: the file is written", j.out))
			js.replace(file)
			return file == j
		}
		if js.hugo {
			// hugo 0.111.3 copies static/ before it renders: what a
			// template writes replaces the file.
			s.Warnings = append(s.Warnings, diag.Errorf(file.owner, 1, 1,
				"%s writes /%s too: its output is written, as Hugo does", other.owner, j.out))
			js.replace(other)
			return other == j
		}
		errs.Add(file.owner, diag.Errorf(file.owner, 1, 1, "%s writes /%s too; %s", other.owner, j.out, howToChange(other)))
		return false
	}
	if !js.hugo || (prev.kind != jobAlias && j.kind != jobAlias) {
		errs.Add(j.owner, collision(prev, j))
		return false
	}
	if sameAliasOtherLanguage(prev, j) {
		// An alias a page and its translation both give: hugo
		// 0.111.3 writes the last language's, silently.
		if languageRank(s, j.page.Site) > languageRank(s, prev.page.Site) {
			js.replace(j)
			return true
		}
		return false
	}
	// Hugo writes aliases first, so a page overwrites an alias,
	// and of two aliases the later page's in its walk wins.
	keep, drop := hugoOverwrite(prev, j)
	file, line := placeOf(drop)
	s.Warnings = append(s.Warnings, diag.Errorf(file, line, 1,
		"%s and %s both write /%s: %s's is written, as Hugo does", prev.owner, j.owner, j.out, keep.owner))
	if keep == prev {
		return false
	}
	js.replace(j)
	return true
}

// replace puts j in the place of the job with its path.
func (js *jobSet) replace(j *job) {
	js.jobs[js.index[j.out]] = j
	js.owners[j.out] = j
}
