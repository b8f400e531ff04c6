package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/store/sqlite"
)

func TestLeadsDeadAndRedeliver(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "leads.db")
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	l := &capture.Lead{ID: "01JDEADLETTER000000000000A", Form: "contact", CreatedAt: time.Now(),
		Fields: map[string]string{"email": "ann@customer.example"}}
	if _, _, err := st.Save(ctx, l, []string{"crm", "team"}); err != nil {
		t.Fatal(err)
	}
	if err := st.UpdateDelivery(ctx, capture.Delivery{LeadID: l.ID, Sink: "crm", State: capture.DeliveryDead, Attempts: 1,
		LastError: "sink crm: HTTP 400 Bad Request: unknown list id\x1b[31m", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := st.UpdateDelivery(ctx, capture.Delivery{LeadID: l.ID, Sink: "team", State: capture.DeliveryDelivered, Attempts: 1, UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	run := func(args ...string) (string, string) {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := NewMain(&out, &errOut).Run(ctx, append([]string{"leads", "--db", db}, args...)); err != nil {
			t.Fatalf("leads %v: %v\n%s", args, err, errOut.String())
		}
		return out.String(), errOut.String()
	}
	out, _ := run("dead")
	if !strings.Contains(out, l.ID) || !strings.Contains(out, "HTTP 400 Bad Request: unknown list id") || strings.Contains(out, "\x1b") {
		t.Errorf("leads dead:\n%q", out)
	}
	if _, errOut := run("list"); !strings.Contains(errOut, "1 dead-lettered deliveries") {
		t.Errorf("leads list does not point at the dead letter: %q", errOut)
	}
	if out, _ := run("redeliver", "--dead"); !strings.Contains(out, l.ID+": 1 deliveries queued") {
		t.Errorf("leads redeliver --dead: %q", out)
	}
	if out, _ := run("dead"); strings.Contains(out, l.ID) {
		t.Errorf("still dead after redeliver:\n%s", out)
	}
	if out, _ := run("redeliver", "--all", l.ID); !strings.Contains(out, ": 1 deliveries queued") {
		t.Errorf("leads redeliver --all: %q", out)
	}
	st, err = sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds, _ := st.Deliveries(ctx, l.ID)
	for _, d := range ds {
		if d.State != capture.DeliveryPending || d.Attempts != 0 || d.LastError != "" {
			t.Errorf("after redeliver: %+v", d)
		}
	}
	var out2, errOut bytes.Buffer
	if err := NewMain(&out2, &errOut).Run(ctx, []string{"leads", "--db", db, "redeliver"}); err == nil {
		t.Error("redeliver without IDs or --dead succeeded")
	}
}
