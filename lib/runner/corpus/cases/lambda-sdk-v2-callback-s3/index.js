let AWS = require('aws-sdk');
const s3 = new AWS.S3();

exports.handler = function (event, context, callback) {
	s3.getObject({
		'Bucket': "thuvva.test.s3",
		'Key': "TestThuvvaUnique"
	}).promise()
		.then(data => {
			console.log(data);
			callback(null, data);
		})
		.catch(err => {
			// The error is only logged: callback is never called on this path.
			console.log(err, err.stack);
		});
}
