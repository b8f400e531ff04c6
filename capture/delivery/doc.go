// Package delivery sends stored leads to sales: it routes each lead to the
// sinks site.yaml's sales: section names (Router), builds those sinks from
// site.yaml and the environment (Senders), and delivers with retries
// (Worker): each sink's state is kept per lead in the capture.Store, a
// failure is retried with exponential backoff and jitter, a permanent
// failure (a 4xx) or too many attempts dead-letters the delivery with its
// reason. A sink that is not configured (its environment variable unset)
// leaves its deliveries pending and says so in the log.
package delivery
