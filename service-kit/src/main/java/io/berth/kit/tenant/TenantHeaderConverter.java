package io.berth.kit.tenant;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Lets a resource take {@code @HeaderParam(InternalHeaders.TENANT) TenantId tenant}; {@link TenantGuard} has turned
 * away every call without a valid one before a resource runs.
 */
@Provider
public class TenantHeaderConverter implements ParamConverterProvider {
    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != TenantId.class) {
            return null;
        }
        return (ParamConverter<T>) new ParamConverter<TenantId>() {
            @Override
            public TenantId fromString(String value) {
                return TenantId.fromHeader(value);
            }

            @Override
            public String toString(TenantId value) {
                return value.value();
            }
        };
    }
}
