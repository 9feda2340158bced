import { describe, expect, it } from "vitest";
import { englishOriginal } from "./translated-source";

describe("englishOriginal", () => {
  it("strips the locale from a translated documentation page", () => {
    expect(englishOriginal("https://docs.aws.amazon.com/it_it/lambda/latest/dg/configuration-timeout.md")).toBe("https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.md");
    expect(englishOriginal("https://docs.aws.amazon.com/ja_jp/apigateway/latest/developerguide/limits.html#x")).toBe("https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html#x");
  });

  it("strips the language from re:Post and aws.amazon.com pages", () => {
    expect(englishOriginal("https://repost.aws/ja/questions/QUWnpIrtCfTZaHXwZVd6JBag/title")).toBe("https://repost.aws/questions/QUWnpIrtCfTZaHXwZVd6JBag/title");
    expect(englishOriginal("https://www.repost.aws/es/knowledge-center/lambda-function-ec2-instance-scheduler")).toBe("https://www.repost.aws/knowledge-center/lambda-function-ec2-instance-scheduler");
    expect(englishOriginal("https://aws.amazon.com/jp/blogs/compute/some-post/")).toBe("https://aws.amazon.com/blogs/compute/some-post/");
  });

  it("leaves English pages and other hosts alone", () => {
    expect(englishOriginal("https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html")).toBeNull();
    expect(englishOriginal("https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/")).toBeNull();
    expect(englishOriginal("https://repost.aws/questions/QUlDTc_17EQ_mOJAhR3LHNDw/what")).toBeNull();
    expect(englishOriginal("https://docs.runpod.io/ja_jp/serverless")).toBeNull();
    expect(englishOriginal("not a url")).toBeNull();
  });
});
