import { SignInPage } from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';

const githubProvider = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in with your GitHub account',
  apiRef: githubAuthApiRef,
};

/**
 * GitHub sign-in where `auth.environment` is `production`
 * (app-config.production.yaml), guest sign-in in development.
 */
export function OpshubSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const production =
    config.getOptionalString('auth.environment') === 'production';
  return (
    <SignInPage
      {...props}
      auto
      providers={production ? [githubProvider] : ['guest']}
    />
  );
}
