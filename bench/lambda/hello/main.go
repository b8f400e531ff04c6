// Command hello is the peer of the Lambda start benchmark: the smallest
// aws-lambda-go function, answering every event with an empty object.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	lambda.Start(func(context.Context, json.RawMessage) (struct{}, error) { return struct{}{}, nil })
}
