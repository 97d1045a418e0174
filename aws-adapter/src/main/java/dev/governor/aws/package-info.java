/** Signal sources over SQS and CloudWatch, actuators over EC2 and Auto Scaling groups. */
package dev.governor.aws;
