package dynamodb

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/storyfront/storyfront/capture"
)

var _ capture.StatusStore = (*Store)(nil)

// SetStatus appends c to the lead item's history and updates its outcome
// in one conditional write (optimistic, on the item's version).
func (s *Store) SetStatus(ctx context.Context, c capture.StatusChange) (*capture.Lead, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("dynamodb %s: lead %s: %w", s.table, c.LeadID, err)
	}
	if c.At.IsZero() {
		c.At = s.now()
	}
	c.At = c.At.UTC()
	for range 8 {
		it, err := s.get(ctx, c.LeadID)
		if err != nil {
			return nil, err
		}
		if c.EventID != "" {
			for _, h := range it.history {
				if h.EventID == c.EventID {
					return nil, fmt.Errorf("dynamodb %s: lead %s: %w", s.table, c.LeadID, capture.ErrReplayed)
				}
			}
		}
		it.history = append(it.history, c)
		it.lead.Outcome = it.lead.Outcome.Apply(c)
		old := it.version
		it.version++
		av, err := encode(it)
		if err != nil {
			return nil, s.errorf("status of "+c.LeadID, err)
		}
		_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: av,
			ConditionExpression:       aws.String("version = :v"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":v": &types.AttributeValueMemberN{Value: strconv.FormatInt(old, 10)}}})
		var cfe *types.ConditionalCheckFailedException
		if errors.As(err, &cfe) {
			continue
		}
		if err != nil {
			return nil, s.errorf("status of "+c.LeadID, err)
		}
		return it.lead, nil
	}
	return nil, s.errorf("status of "+c.LeadID, errConflict)
}

// History returns the lead's status changes, oldest first.
func (s *Store) History(ctx context.Context, leadID string) ([]capture.StatusChange, error) {
	it, err := s.get(ctx, leadID)
	if err != nil {
		return nil, err
	}
	for i := range it.history {
		it.history[i].LeadID = leadID
	}
	return it.history, nil
}

// IndexCreated is the index the report reads: leads by month, then time.
const IndexCreated = "created"

// monthKey is the created index's partition for t: "LEADS#2026-11".
func monthKey(t time.Time) string { return "LEADS#" + t.UTC().Format("2006-01") }

// reportAttributes sets the top-level attributes the created index
// projects (what the report counts), so the report reads small index
// items instead of whole leads. Empty strings are left out.
func reportAttributes(av map[string]types.AttributeValue, l *capture.Lead) {
	str := func(k, v string) {
		if v != "" {
			av[k] = &types.AttributeValueMemberS{Value: v}
		}
	}
	num := func(k string, v int64) { av[k] = &types.AttributeValueMemberN{Value: strconv.FormatInt(v, 10)} }
	a := l.Attribution
	str("month", monthKey(l.CreatedAt))
	num("created", l.CreatedAt.UnixNano())
	if l.Spam {
		num("spam", 1)
	}
	str("story", a.Story)
	str("firstStory", a.Journey.FirstStory())
	str("utmCampaign", a.UTMCampaign)
	str("utmSource", a.UTMSource)
	str("utmMedium", a.UTMMedium)
	str("status", l.Outcome.State())
	if l.Outcome.Value != 0 {
		num("value", l.Outcome.Value)
		str("currency", l.Outcome.Currency)
	}
	if l.Outcome.Reached != 0 {
		num("reached", int64(l.Outcome.Reached))
	}
	if !l.Outcome.ContactedAt.IsZero() {
		num("contactedAt", l.Outcome.ContactedAt.UnixNano())
	}
}

// ReportAttributes are the non-key attributes the created index projects.
func ReportAttributes() []string {
	return []string{"form", "spam", "story", "firstStory", "utmCampaign", "utmSource", "utmMedium",
		"status", "value", "currency", "reached", "contactedAt"}
}
