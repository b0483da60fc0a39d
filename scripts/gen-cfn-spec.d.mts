/** The text of src/cloud/cfn-spec.json as the installed @aws-cdk/aws-service-spec gives it. */
export declare function generate(): string;
