package dynamodb

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/storyfront/storyfront/capture"
)

// Index names, and the values their partition keys hold.
const (
	IndexDue  = "due"
	IndexDead = "dead"
	pending   = "PENDING"
	deadValue = "DEAD"
)

// IdempotencyTTL is how long an idempotency key is remembered.
const IdempotencyTTL = 30 * 24 * time.Hour

// Store is a capture.Store on one DynamoDB table.
type Store struct {
	db    *dynamodb.Client
	table string
	now   func() time.Time
}

var _ capture.Store = (*Store)(nil)

// New returns a Store on table, using client (created once, outside any
// Lambda handler).
func New(client *dynamodb.Client, table string) *Store {
	return &Store{db: client, table: table, now: time.Now}
}

// item is the decoded lead item.
type item struct {
	lead       *capture.Lead
	deliveries []capture.Delivery
	history    []capture.StatusChange // status.go
	version    int64
}

func leadKey(id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "LEAD#" + id}}
}

func idemKey(key string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "IDEM#" + key}}
}

func (s *Store) errorf(op string, err error) error {
	return fmt.Errorf("dynamodb %s: %s: %w", s.table, op, err)
}

// Save stores l with a pending delivery per sink (one conditional write).
func (s *Store) Save(ctx context.Context, l *capture.Lead, sinks []string) (string, bool, error) {
	if l.IdempotencyKey != "" {
		existing, err := s.claimKey(ctx, l)
		if err != nil {
			return "", false, err
		}
		if existing != "" {
			if _, err := s.get(ctx, existing); err == nil {
				return existing, false, nil
			} else if !errors.Is(err, capture.ErrNotFound) {
				return "", false, err
			}
			// The first attempt stored the key and died: finish it.
			l.ID = existing
		}
	}
	now := s.now()
	it := &item{lead: l, version: 1}
	seen := map[string]bool{}
	for _, sk := range sinks {
		if seen[sk] {
			continue
		}
		seen[sk] = true
		it.deliveries = append(it.deliveries, capture.Delivery{LeadID: l.ID, Sink: sk, State: capture.DeliveryPending,
			NextAt: l.CreatedAt, UpdatedAt: now})
	}
	av, err := encode(it)
	if err != nil {
		return "", false, s.errorf("save "+l.ID, err)
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: &s.table, Item: av,
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	})
	var cfe *types.ConditionalCheckFailedException
	if errors.As(err, &cfe) {
		// Only a retry of the same (keyed) save reaches an existing id.
		return l.ID, false, nil
	}
	if err != nil {
		return "", false, s.errorf("save "+l.ID, err)
	}
	return l.ID, true, nil
}

// claimKey records l's idempotency key for l.ID, or returns the id it
// already belongs to.
func (s *Store) claimKey(ctx context.Context, l *capture.Lead) (string, error) {
	av := idemKey(l.IdempotencyKey)
	av["leadId"] = &types.AttributeValueMemberS{Value: l.ID}
	av["expiresAt"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(s.now().Add(IdempotencyTTL).Unix(), 10)}
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: &s.table, Item: av,
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	})
	var cfe *types.ConditionalCheckFailedException
	if err == nil {
		return "", nil
	}
	if !errors.As(err, &cfe) {
		return "", s.errorf("idempotency key", err)
	}
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: idemKey(l.IdempotencyKey), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return "", s.errorf("idempotency key", err)
	}
	id, _ := out.Item["leadId"].(*types.AttributeValueMemberS)
	if id == nil {
		return "", s.errorf("idempotency key", errors.New("item without leadId"))
	}
	return id.Value, nil
}

func (s *Store) get(ctx context.Context, id string) (*item, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: leadKey(id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, s.errorf("get "+id, err)
	}
	if out.Item == nil {
		return nil, fmt.Errorf("dynamodb %s: lead %s: %w", s.table, id, capture.ErrNotFound)
	}
	it, err := decode(out.Item)
	if err != nil {
		return nil, s.errorf("get "+id, err)
	}
	return it, nil
}

// Get returns the lead with the given id.
func (s *Store) Get(ctx context.Context, id string) (*capture.Lead, error) {
	it, err := s.get(ctx, id)
	if err != nil {
		return nil, err
	}
	return it.lead, nil
}

// Deliveries returns the lead's deliveries, by sink name.
func (s *Store) Deliveries(ctx context.Context, leadID string) ([]capture.Delivery, error) {
	it, err := s.get(ctx, leadID)
	if err != nil {
		return nil, err
	}
	return it.deliveries, nil
}

// scan visits every lead item.
func (s *Store) scan(ctx context.Context, visit func(*item) error) error {
	in := &dynamodb.ScanInput{TableName: &s.table, ConsistentRead: aws.Bool(true),
		FilterExpression:          aws.String("begins_with(pk, :p)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": &types.AttributeValueMemberS{Value: "LEAD#"}}}
	for {
		out, err := s.db.Scan(ctx, in)
		if err != nil {
			return s.errorf("scan", err)
		}
		for _, av := range out.Items {
			it, err := decode(av)
			if err != nil {
				return s.errorf("scan", err)
			}
			if err := visit(it); err != nil {
				return err
			}
		}
		if len(out.LastEvaluatedKey) == 0 {
			return nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// List returns leads oldest first (a scan: for administration).
func (s *Store) List(ctx context.Context, q capture.Query) ([]*capture.Lead, error) {
	var out []*capture.Lead
	err := s.scan(ctx, func(it *item) error {
		l := it.lead
		if (q.Form == "" || l.Form == q.Form) && (q.IncludeSpam || !l.Spam) && (q.Since.IsZero() || !l.CreatedAt.Before(q.Since)) {
			out = append(out, l)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.Before(out[j].CreatedAt)
		}
		return out[i].ID < out[j].ID
	})
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

// Erase removes every lead whose email is email (any case), with its
// deliveries and idempotency key.
func (s *Store) Erase(ctx context.Context, email string) (int, error) {
	want := strings.ToLower(strings.TrimSpace(email))
	if want == "" {
		return 0, nil
	}
	var ids, keys []string
	err := s.scan(ctx, func(it *item) error {
		if strings.ToLower(strings.TrimSpace(it.lead.Email())) == want {
			ids = append(ids, it.lead.ID)
			keys = append(keys, it.lead.IdempotencyKey)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for i, id := range ids {
		if _, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: leadKey(id)}); err != nil {
			return i, s.errorf("erase "+id, err)
		}
		if keys[i] != "" {
			if _, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: idemKey(keys[i])}); err != nil {
				return i + 1, s.errorf("erase "+id, err)
			}
		}
	}
	return len(ids), nil
}

// Close does nothing: the client holds no resources to release.
func (s *Store) Close() error { return nil }
