/**
 * API Gateway proxy handler from the SAM "Hello World" template.
 * @param {Object} event - API Gateway Lambda Proxy Input Format
 * @param {Object} context
 * @returns {Object} API Gateway Lambda Proxy Output Format
 */
export const lambdaHandler = async (event, context) => {
  const response = {
    statusCode: 200,
    body: JSON.stringify({
      message: 'hello world',
    }),
  };
  return response;
};
