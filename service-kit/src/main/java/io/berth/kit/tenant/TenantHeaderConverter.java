package io.berth.kit.tenant;

import io.berth.kit.errors.InvalidParameterException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Lets a resource take {@code @HeaderParam(InternalHeaders.TENANT) TenantId tenant}; a call without a valid tenant
 * never reaches a use case.
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
                if (value == null || value.isEmpty()) {
                    throw new InvalidParameterException("internal call without a tenant");
                }
                try {
                    return TenantId.of(value);
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterException(e.getMessage());
                }
            }

            @Override
            public String toString(TenantId value) {
                return value.value();
            }
        };
    }
}
