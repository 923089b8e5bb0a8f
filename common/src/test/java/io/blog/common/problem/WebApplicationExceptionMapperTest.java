package io.blog.common.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebApplicationExceptionMapperTest {

    @Test
    void namesTheParameterRestEasyCouldNotConvert() {
        assertThat(WebApplicationExceptionMapper.unconvertibleParameter(
                "RESTEASY003870: Unable to extract parameter from http request: jakarta.ws.rs.QueryParam(\"limit\") value is 'abc'"))
                .isEqualTo("limit");
        assertThat(WebApplicationExceptionMapper.unconvertibleParameter("... jakarta.ws.rs.PathParam(\"n\") value is 'x'")).isEqualTo("n");
        assertThat(WebApplicationExceptionMapper.unconvertibleParameter("something else")).isNull();
        assertThat(WebApplicationExceptionMapper.unconvertibleParameter(null)).isNull();
    }
}
