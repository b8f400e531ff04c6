package dynamodb

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func digestKey(week string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "DIGEST#" + week}}
}

// ClaimDigest marks week's digest as being sent with one conditional
// write: it wins when no marker exists, or a claim is older than lease.
func (s *Store) ClaimDigest(ctx context.Context, week string, now time.Time, lease time.Duration) (bool, error) {
	av := digestKey(week)
	av["state"] = &types.AttributeValueMemberS{Value: "sending"}
	av["at"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(now.UnixNano(), 10)}
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: av,
		ConditionExpression:      aws.String("attribute_not_exists(pk) OR (#s = :sending AND #a < :stale)"),
		ExpressionAttributeNames: map[string]string{"#s": "state", "#a": "at"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":sending": &types.AttributeValueMemberS{Value: "sending"},
			":stale":   &types.AttributeValueMemberN{Value: strconv.FormatInt(now.Add(-lease).UnixNano(), 10)},
		}})
	var cfe *types.ConditionalCheckFailedException
	if errors.As(err, &cfe) {
		return false, nil
	}
	if err != nil {
		return false, s.errorf("digest "+week, err)
	}
	return true, nil
}

// DigestSent marks week's digest as sent.
func (s *Store) DigestSent(ctx context.Context, week string, now time.Time) error {
	av := digestKey(week)
	av["state"] = &types.AttributeValueMemberS{Value: "sent"}
	av["at"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(now.UnixNano(), 10)}
	if _, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: av}); err != nil {
		return s.errorf("digest "+week, err)
	}
	return nil
}
