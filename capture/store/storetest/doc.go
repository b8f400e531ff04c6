// Package storetest is the conformance suite every lead store runs, so the
// SQLite and DynamoDB stores cannot drift apart: each store's test calls
// the Run functions with a constructor for an empty store.
package storetest
