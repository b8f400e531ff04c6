package dynamodb

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/storyfront/storyfront/capture"
)

// encode returns the lead item's attributes, with the sparse index keys
// set from the deliveries' states.
func encode(it *item) (map[string]types.AttributeValue, error) {
	lead, err := json.Marshal(it.lead)
	if err != nil {
		return nil, err
	}
	ds, err := json.Marshal(it.deliveries)
	if err != nil {
		return nil, err
	}
	av := leadKey(it.lead.ID)
	av["lead"] = &types.AttributeValueMemberS{Value: string(lead)}
	av["deliveries"] = &types.AttributeValueMemberS{Value: string(ds)}
	av["version"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(it.version, 10)}
	av["form"] = &types.AttributeValueMemberS{Value: it.lead.Form}
	av["createdAt"] = &types.AttributeValueMemberS{Value: it.lead.CreatedAt.UTC().Format(time.RFC3339Nano)}
	if e := strings.ToLower(strings.TrimSpace(it.lead.Email())); e != "" {
		av["email"] = &types.AttributeValueMemberS{Value: e}
	}
	if len(it.history) > 0 {
		h, err := json.Marshal(it.history)
		if err != nil {
			return nil, err
		}
		av["history"] = &types.AttributeValueMemberS{Value: string(h)}
	}
	reportAttributes(av, it.lead)
	var dueAt, deadAt time.Time
	for _, d := range it.deliveries {
		switch d.State {
		case capture.DeliveryPending:
			if dueAt.IsZero() || d.NextAt.Before(dueAt) {
				dueAt = d.NextAt
			}
		case capture.DeliveryDead:
			if deadAt.IsZero() || d.UpdatedAt.Before(deadAt) {
				deadAt = d.UpdatedAt
			}
		}
	}
	if !dueAt.IsZero() {
		av["due"] = &types.AttributeValueMemberS{Value: pending}
		av["dueAt"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(dueAt.UnixNano(), 10)}
	}
	if !deadAt.IsZero() {
		av["dead"] = &types.AttributeValueMemberS{Value: deadValue}
		av["deadAt"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(deadAt.UnixNano(), 10)}
	}
	return av, nil
}

func decode(av map[string]types.AttributeValue) (*item, error) {
	lead, _ := av["lead"].(*types.AttributeValueMemberS)
	ds, _ := av["deliveries"].(*types.AttributeValueMemberS)
	ver, _ := av["version"].(*types.AttributeValueMemberN)
	if lead == nil || ds == nil || ver == nil {
		return nil, errors.New("lead item lacks lead, deliveries or version")
	}
	it := &item{lead: &capture.Lead{}}
	if err := json.Unmarshal([]byte(lead.Value), it.lead); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(ds.Value), &it.deliveries); err != nil {
		return nil, err
	}
	if h, _ := av["history"].(*types.AttributeValueMemberS); h != nil {
		if err := json.Unmarshal([]byte(h.Value), &it.history); err != nil {
			return nil, err
		}
	}
	v, err := strconv.ParseInt(ver.Value, 10, 64)
	if err != nil {
		return nil, err
	}
	it.version = v
	return it, nil
}
