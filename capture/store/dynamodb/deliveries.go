package dynamodb

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/storyfront/storyfront/capture"
)

// Due returns pending deliveries whose NextAt is not after now, oldest
// first, from the sparse due index.
func (s *Store) Due(ctx context.Context, now time.Time, limit int) ([]capture.Delivery, error) {
	return s.fromIndex(ctx, IndexDue, "due", pending, "dueAt <= :t", now, limit, func(d capture.Delivery) bool {
		return d.State == capture.DeliveryPending && !d.NextAt.After(now)
	}, func(d capture.Delivery) time.Time { return d.NextAt })
}

// Dead returns dead-lettered deliveries, oldest first.
func (s *Store) Dead(ctx context.Context, limit int) ([]capture.Delivery, error) {
	return s.fromIndex(ctx, IndexDead, "dead", deadValue, "", time.Time{}, limit, func(d capture.Delivery) bool {
		return d.State == capture.DeliveryDead
	}, func(d capture.Delivery) time.Time { return d.UpdatedAt })
}

func (s *Store) fromIndex(ctx context.Context, index, attr, value, cond string, t time.Time, limit int,
	keep func(capture.Delivery) bool, order func(capture.Delivery) time.Time) ([]capture.Delivery, error) {
	expr := "#a = :v"
	vals := map[string]types.AttributeValue{":v": &types.AttributeValueMemberS{Value: value}}
	if cond != "" {
		expr += " AND " + cond
		vals[":t"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(t.UnixNano(), 10)}
	}
	in := &dynamodb.QueryInput{TableName: &s.table, IndexName: aws.String(index),
		KeyConditionExpression: aws.String(expr), ExpressionAttributeValues: vals,
		ExpressionAttributeNames: map[string]string{"#a": attr}}
	var out []capture.Delivery
	for {
		res, err := s.db.Query(ctx, in)
		if err != nil {
			return nil, s.errorf(index+" index", err)
		}
		for _, av := range res.Items {
			it, err := decode(av)
			if err != nil {
				return nil, s.errorf(index+" index", err)
			}
			for _, d := range it.deliveries {
				if keep(d) {
					out = append(out, d)
				}
			}
		}
		// Items come in order of their earliest time, so once limit
		// deliveries are in hand no later item can hold an earlier one...
		// except a lead with several: read one page more than needed.
		if len(res.LastEvaluatedKey) == 0 || limit > 0 && len(out) >= limit {
			break
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
	sort.SliceStable(out, func(i, j int) bool {
		ti, tj := order(out[i]), order(out[j])
		if !ti.Equal(tj) {
			return ti.Before(tj)
		}
		if out[i].LeadID != out[j].LeadID {
			return out[i].LeadID < out[j].LeadID
		}
		return out[i].Sink < out[j].Sink
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// errConflict is a lost optimistic-lock race; the update is retried.
var errConflict = errors.New("version conflict")

// modify applies change to the lead's delivery for d.Sink under the
// item's version, retrying a few times on a concurrent update. change
// returns false to give up without writing.
func (s *Store) modify(ctx context.Context, d capture.Delivery, change func(*capture.Delivery) bool) (bool, error) {
	for range 8 {
		it, err := s.get(ctx, d.LeadID)
		if err != nil {
			return false, err
		}
		i := -1
		for j := range it.deliveries {
			if it.deliveries[j].Sink == d.Sink {
				i = j
			}
		}
		if i < 0 {
			return false, fmt.Errorf("dynamodb %s: delivery %s/%s: %w", s.table, d.LeadID, d.Sink, capture.ErrNotFound)
		}
		if !change(&it.deliveries[i]) {
			return false, nil
		}
		old := it.version
		it.version++
		av, err := encode(it)
		if err != nil {
			return false, s.errorf("update delivery", err)
		}
		_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: av,
			ConditionExpression:       aws.String("version = :v"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":v": &types.AttributeValueMemberN{Value: strconv.FormatInt(old, 10)}}})
		var cfe *types.ConditionalCheckFailedException
		if errors.As(err, &cfe) {
			continue
		}
		if err != nil {
			return false, s.errorf("update delivery "+d.LeadID+"/"+d.Sink, err)
		}
		return true, nil
	}
	return false, s.errorf("update delivery "+d.LeadID+"/"+d.Sink, errConflict)
}

// UpdateDelivery records d's state.
func (s *Store) UpdateDelivery(ctx context.Context, d capture.Delivery) error {
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = s.now()
	}
	_, err := s.modify(ctx, d, func(cur *capture.Delivery) bool {
		*cur = d
		return true
	})
	return err
}

// Claim moves a pending delivery's NextAt to until if it is still as d
// describes it (same state, attempts and NextAt): only one of several
// concurrent workers wins it.
func (s *Store) Claim(ctx context.Context, d capture.Delivery, until time.Time) (bool, error) {
	return s.modify(ctx, d, func(cur *capture.Delivery) bool {
		if cur.State != capture.DeliveryPending || cur.Attempts != d.Attempts || !cur.NextAt.Equal(d.NextAt) {
			return false
		}
		cur.NextAt = until
		return true
	})
}
