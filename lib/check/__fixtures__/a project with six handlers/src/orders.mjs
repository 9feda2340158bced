export const create = async (event) => {
  const res = await fetch("https://payments.example.com/charge", { method: "POST", body: JSON.stringify(event) });
  const body = await res.json();
  return { statusCode: 200, body: JSON.stringify({ charged: body.ok }) };
};
