package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
)

// `leads dead` and `leads redeliver` with --table work on a Lambda
// deployment's DynamoDB table (here the real dynalite).
func TestLeadsDeadRedeliverOnTable(t *testing.T) {
	ctx := context.Background()
	st := dynaliteLeadsTable(ctx, t)
	l := &capture.Lead{ID: "01JTABLE00000000000000000A", Form: "contact", CreatedAt: time.Now(), Fields: map[string]string{"email": "ann@customer.example"}}
	if _, _, err := st.Save(ctx, l, []string{"crm"}); err != nil {
		t.Fatal(err)
	}
	if err := st.UpdateDelivery(ctx, capture.Delivery{LeadID: l.ID, Sink: "crm", State: capture.DeliveryDead, Attempts: 1,
		LastError: "sink crm: HTTP 401 Unauthorized: bad token", UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := NewMain(&out, &errOut).Run(ctx, append([]string{"leads"}, args...)); err != nil {
			t.Fatalf("leads %v: %v\n%s", args, err, errOut.String())
		}
		return out.String()
	}
	if out := run("dead", "--table", "leads"); !strings.Contains(out, l.ID) || !strings.Contains(out, "HTTP 401 Unauthorized: bad token") {
		t.Errorf("leads dead --table:\n%s", out)
	}
	if out := run("redeliver", "--table", "leads", "--dead"); !strings.Contains(out, fmt.Sprintf("%s: 1 deliveries queued", l.ID)) {
		t.Errorf("leads redeliver --table --dead: %q", out)
	}
	ds, err := st.Deliveries(ctx, l.ID)
	if err != nil || len(ds) != 1 || ds[0].State != capture.DeliveryPending || ds[0].Attempts != 0 {
		t.Errorf("after redeliver: %+v %v", ds, err)
	}
}
