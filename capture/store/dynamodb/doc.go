// Package dynamodb keeps leads in one Amazon DynamoDB table, for capture
// on AWS Lambda. It implements capture.Store and delivery.Claimer.
//
// Table design (docs/deploy.md has the same, with the SAM template):
//
//	item           pk                  attributes
//	a lead         LEAD#<id>           lead (JSON), deliveries (JSON), version,
//	                                   email, form, createdAt, idemKey, and
//	                                   due="PENDING"+dueAt / dead="DEAD"+deadAt
//	                                   while a delivery is pending / dead
//	an idempotency IDEM#<key>          leadId, expiresAt (TTL, 30 days)
//	key
//
//	index   partition key   sort key   holds
//	due     due (S)         dueAt (N)  leads with a pending delivery, by its
//	                                   earliest NextAt (unix ns)
//	dead    dead (S)        deadAt (N) leads with a dead-lettered delivery
//	created month (S)       created(N) every lead, "LEADS#2026-11" by unix ns;
//	                                   projects only the report's attributes
//
// A lead item also holds its status history (JSON, status.go) and, at the
// top level, the small attributes the report counts (report.go); weekly
// digest markers are DIGEST#<week> items (digest.go). The report queries
// the created index one month at a time: no scan (docs/tracking.md has
// the cost).
//
// A lead and its per-sink delivery states are one item, so Save is one
// conditional PutItem (attribute_not_exists): atomic without transactions.
// The idempotency key is claimed first with its own conditional PutItem; a
// retry after a crash between the two writes finds the key without its
// lead and completes the save under the first id. Delivery updates are
// optimistic (a version attribute, retried on conflict), which also makes
// Claim atomic across concurrent Lambda invocations. Both indexes are
// sparse: a lead leaves them once nothing is pending or dead.
//
// List and Erase scan the table: they are administrative and leads are few.
package dynamodb
