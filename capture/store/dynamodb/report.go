package dynamodb

import (
	"context"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/report"
)

// emptyMonthsToStop is how many months in a row without a lead end a
// report that has no --since: the look back stops there.
const emptyMonthsToStop = 24

// Report counts the leads f selects by querying the created index one
// month partition at a time (never a table scan): each item it reads is
// the small projection of ReportAttributes, not the lead.
func (s *Store) Report(ctx context.Context, f report.Filter) (*report.Data, error) {
	until := f.Until
	if until.IsZero() {
		until = s.now().UTC().AddDate(0, 0, 1)
	}
	lo, hi := int64(0), until.UnixNano()-1
	if !f.Since.IsZero() {
		lo = f.Since.UnixNano()
	}
	var rows []report.Row
	var delays []report.Delay
	month := time.Date(until.Year(), until.Month(), 1, 0, 0, 0, 0, time.UTC)
	if !until.After(month) {
		month = month.AddDate(0, -1, 0)
	}
	empty := 0
	for {
		if !f.Since.IsZero() && !month.AddDate(0, 1, 0).After(f.Since.UTC()) {
			break // this month ends before the report starts
		}
		n, err := s.queryMonth(ctx, monthKey(month), lo, hi, f.Form, func(l *capture.Lead) {
			rs, d := report.RowsOf(l)
			rows = append(rows, rs...)
			if d != nil {
				delays = append(delays, *d)
			}
		})
		if err != nil {
			return nil, err
		}
		if n == 0 {
			empty++
		} else {
			empty = 0
		}
		if f.Since.IsZero() && empty >= emptyMonthsToStop {
			break
		}
		month = month.AddDate(0, -1, 0)
	}
	return report.Build(f, rows, delays), nil
}

// queryMonth visits the leads of one month partition created in [lo, hi]
// and returns how many items the partition held in that range.
func (s *Store) queryMonth(ctx context.Context, month string, lo, hi int64, form string, visit func(*capture.Lead)) (int, error) {
	in := &dynamodb.QueryInput{TableName: &s.table, IndexName: aws.String(IndexCreated),
		KeyConditionExpression:   aws.String("#m = :m AND #c BETWEEN :lo AND :hi"),
		ExpressionAttributeNames: map[string]string{"#m": "month", "#c": "created"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":m":  &types.AttributeValueMemberS{Value: month},
			":lo": &types.AttributeValueMemberN{Value: strconv.FormatInt(lo, 10)},
			":hi": &types.AttributeValueMemberN{Value: strconv.FormatInt(hi, 10)},
		}}
	if form != "" {
		in.FilterExpression = aws.String("#f = :f")
		in.ExpressionAttributeNames["#f"] = "form"
		in.ExpressionAttributeValues[":f"] = &types.AttributeValueMemberS{Value: form}
	}
	n := 0
	for {
		out, err := s.db.Query(ctx, in)
		if err != nil {
			return n, s.errorf("report "+month, err)
		}
		n += int(out.ScannedCount)
		for _, av := range out.Items {
			visit(reportLead(av))
		}
		if len(out.LastEvaluatedKey) == 0 {
			return n, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// reportLead rebuilds what the report counts of a lead from its index item.
func reportLead(av map[string]types.AttributeValue) *capture.Lead {
	str := func(k string) string {
		if v, ok := av[k].(*types.AttributeValueMemberS); ok {
			return v.Value
		}
		return ""
	}
	num := func(k string) int64 {
		if v, ok := av[k].(*types.AttributeValueMemberN); ok {
			n, _ := strconv.ParseInt(v.Value, 10, 64)
			return n
		}
		return 0
	}
	at := func(k string) time.Time {
		if n := num(k); n != 0 {
			return time.Unix(0, n).UTC()
		}
		return time.Time{}
	}
	l := &capture.Lead{Form: str("form"), Spam: num("spam") == 1, CreatedAt: at("created"),
		Attribution: capture.Attribution{Story: str("story"), UTMCampaign: str("utmCampaign"), UTMSource: str("utmSource"), UTMMedium: str("utmMedium")},
		Outcome: capture.Outcome{Status: str("status"), Value: num("value"), Currency: str("currency"),
			Reached: int(num("reached")), ContactedAt: at("contactedAt")}}
	if fs := str("firstStory"); fs != "" {
		l.Attribution.Journey = &capture.Journey{Stories: []capture.StoryRead{{Title: fs}}}
	}
	return l
}
